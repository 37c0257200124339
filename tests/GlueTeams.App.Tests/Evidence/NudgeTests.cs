using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Evidence;

/// <summary>
/// Nudges, privately to the engineer: in the tab's API and on their own weekly card, dismissable for good, on no team route.
/// </summary>
[TestClass]
public sealed class NudgeTests
{
    private const string Repetition = "3rd onboarding session with the same colleague: would a guide help?";

    /// <summary>Three one-off onboarding sessions with the same new hire in the last weeks, and 4.5 h of delegated work this month.</summary>
    internal static List<ActivityRecord> History(string tenantId, string userId, TimeZoneInfo zone, bool delegated = true)
    {
        var now = TestClock.Shared.GetUtcNow();
        ActivityRecord Glue(string key, DateTimeOffset start, string category, string title, int minutes, bool isDelegated, string person) => new()
        {
            TenantId = tenantId, UserId = userId, EventKey = key, Week = IsoWeek.Containing(start, zone), Start = start, End = start.AddMinutes(minutes),
            Title = title, People = [person], Status = ActivityStatus.Confirmed, AttendeeCount = 1,
            Confirmation = new Confirmation(category, Impact.OneOff, null, null, null, isDelegated, SharedWithManager: true, start),
        };
        var records = new List<ActivityRecord>
        {
            Glue("welcome", now.AddDays(-15), "onboarding", "Welcome chat", 30, false, "new.hire@contoso.example"),
            Glue("git", now.AddDays(-8), "onboarding", "Git setup help", 30, false, "new.hire@contoso.example"),
            Glue("deploys", now.AddDays(-1), "onboarding", "How we deploy", 30, false, "new.hire@contoso.example"),
        };
        if (delegated)
        {
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var monthStart = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, local.Offset);
            string[] handedOver = ["Cover the vendor sync", "Write the release notes", "Chase the budget sign-off"];
            records.AddRange(handedOver.Select((title, i) => Glue("handed-over-" + i, monthStart.AddMinutes(90 * i), "coordination", title, 90, true, $"vendor{i}@example.com")));
        }
        return records;
    }

    [TestMethod]
    public async Task Nudges_are_the_engineers_own_and_a_dismissed_one_stays_dismissed()
    {
        await using var host = await TabApiHost.StartAsync();
        var engineer = host.Report(0);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engineer.TimeZone);
        await host.SeedAsync(engineer, History(TabApiHost.TenantId, engineer.Id, zone));
        using var client = host.ClientFor(engineer.Id);

        var nudges = (await client.GetFromJsonAsync<List<Nudge>>("/api/me/nudges", TabApiHost.Json))!;

        CollectionAssert.AreEquivalent(new[] { NudgeKind.Repetition, NudgeKind.Delegated }, nudges.Select(n => n.Kind).ToArray());
        Assert.AreEqual(Repetition, nudges.Single(n => n.Kind == NudgeKind.Repetition).Text);
        Assert.AreEqual("4.5 h of work was delegated to you this month: worth saying no to some?", nudges.Single(n => n.Kind == NudgeKind.Delegated).Text);
        await AssertOnNoTeamRouteAsync(host, engineer.Id, nudges);
        var key = nudges.Single(n => n.Kind == NudgeKind.Repetition).Key;
        // Someone else cannot dismiss it (it is not theirs), a forged or malformed key changes nothing.
        using (var teammate = host.ClientFor(host.Report(1).Id))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await teammate.PostAsJsonAsync("/api/me/nudges/dismiss", new { key })).StatusCode);
        }
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/me/nudges/dismiss", new { key = "repeat:onboarding:person:0000000000000000" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/me/nudges/dismiss", new { key = new string('k', 101) })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/me/nudges/dismiss", new { })).StatusCode);
        Assert.HasCount(2, (await client.GetFromJsonAsync<List<Nudge>>("/api/me/nudges", TabApiHost.Json))!);

        Assert.AreEqual(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/me/nudges/dismiss", new { key })).StatusCode);

        var after = (await client.GetFromJsonAsync<List<Nudge>>("/api/me/nudges", TabApiHost.Json))!;
        Assert.AreEqual(NudgeKind.Delegated, after.Single().Kind);
        // A 4th session with the same colleague: the same situation, still dismissed.
        var fourth = History(TabApiHost.TenantId, engineer.Id, zone, delegated: false)[2] with { EventKey = "fourth", Start = TestClock.Shared.GetUtcNow().AddHours(-2), End = TestClock.Shared.GetUtcNow().AddHours(-1) };
        await host.Activities.PutDecidedAsync(fourth with { Week = IsoWeek.Containing(fourth.Start, zone) });
        Assert.AreEqual(NudgeKind.Delegated, (await client.GetFromJsonAsync<List<Nudge>>("/api/me/nudges", TabApiHost.Json))!.Single().Kind);
        Assert.IsEmpty((await client.GetFromJsonAsync<List<Nudge>>("/api/me/nudges", TabApiHost.Json) ?? []).Where(n => n.Key == key));

        // After "delete my data", a dismissal writes nothing (the tombstone is checked on this write path too).
        var delegatedKey = after.Single().Key;
        await host.App.Services.GetRequiredService<GlueTeams.App.Users.UserErasure>().EraseAsync(TabApiHost.TenantId, engineer.Id);
        await host.Activities.PutDecidedAsync(fourth with { Week = IsoWeek.Containing(fourth.Start, zone) }); // a stray write the sync guard would undo
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/me/nudges/dismiss", new { key = delegatedKey })).StatusCode);
        Assert.IsEmpty(await host.App.Services.GetRequiredService<GlueTeams.Storage.Evidence.NudgeDismissals>().ListAsync(TabApiHost.TenantId, engineer.Id));
    }

    [TestMethod]
    public async Task The_weekly_card_shows_one_dismissable_nudge_line_that_stays_dismissed()
    {
        await using var bot = new BotHarness();
        foreach (var record in History(BotHarness.TenantId, BotHarness.UserId, TimeZoneInfo.Utc, delegated: false))
        {
            await bot.Activities.PutDecidedAsync(record);
        }
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        StringAssert.Contains(BotHarness.Texts(card), Repetition);
        var dismiss = DismissAction(card)!;

        var dismissed = await bot.InvokeCardAsync(bot.Invoke("dismissNudge", dismiss["data"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!)));

        StringAssert.Contains(BotHarness.Notice(dismissed), "Dismissed");
        Assert.DoesNotContain(Repetition, BotHarness.Texts(dismissed));
        Assert.IsNull(DismissAction(dismissed));
        var later = await bot.InvokeCardAsync(bot.Invoke("refresh"));
        Assert.DoesNotContain(Repetition, BotHarness.Texts(later), "dismissed stays dismissed");
        // A forged key from a card changes nothing and is not an error the user has to read.
        var forged = await bot.InvokeCardAsync(bot.Invoke("dismissNudge", new Dictionary<string, string> { ["nudge"] = "delegated:1999-01" }));
        Assert.IsNull(BotHarness.Notice(forged));
    }

    /// <summary>
    /// Never on a team route: every GET under /api/team the app maps (a route added later is covered too), read by the
    /// engineer's manager as the tab does, carries neither nudge's text or key, the word "nudge", nor delegated work.
    /// </summary>
    private static async Task AssertOnNoTeamRouteAsync(TabApiHost host, string engineerId, IReadOnlyList<Nudge> nudges)
    {
        var routes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/team", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!.Replace("{oid}", engineerId, StringComparison.Ordinal))
            .ToList();
        Assert.IsGreaterThanOrEqualTo(5, routes.Count, string.Join(", ", routes));
        using var manager = host.ClientFor(host.Manager.Id);
        foreach (var route in routes)
        {
            using var response = await manager.GetAsync($"{route}?weeks=12");
            var text = await response.Content.ReadAsStringAsync();

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, route + ": " + text);
            foreach (var nudge in nudges)
            {
                Assert.DoesNotContain(nudge.Text, text, route);
                Assert.DoesNotContain(nudge.Key, text, route);
            }
            Assert.DoesNotContain("nudge", text, StringComparison.OrdinalIgnoreCase, route);
            Assert.DoesNotContain("delegated", text, StringComparison.OrdinalIgnoreCase, route);
        }
    }

    private static JsonObject? DismissAction(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["verb"] == "dismissNudge" => o,
        JsonObject o => o.Select(p => p.Value is null ? null : DismissAction(p.Value)).FirstOrDefault(a => a is not null),
        JsonArray a => a.Select(e => e is null ? null : DismissAction(e)).FirstOrDefault(x => x is not null),
        _ => null,
    };
}
