using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Bot;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// Two consented tenants on one deployment, each a separate simulated organisation with its own calendars and token
/// issuer: nothing one tenant does reaches the other's data, on every path (bot, tabs, tags, sync, fan-out).
/// </summary>
[TestClass]
public sealed class TenantIsolationTests
{
    private static ActivityStore Activities(TenantsHost host) => host.App.Services.GetRequiredService<ActivityStore>();

    /// <summary>A record of this week (in UTC) for the user, as a sync would write it.</summary>
    private static async Task<StoredRecord> SeedAsync(TenantsHost host, string tenantId, string userId, string title) =>
        (await host.Bot.SeedForAsync(tenantId, userId, (title, "design-review", null))).Single(r => r.Record.Title == title);

    [TestMethod]
    public async Task An_activity_from_B_never_touches_As_rows_even_with_As_user_id_and_record_ids()
    {
        await using var host = await TenantsHost.StartAsync();
        var ada = host.OrgA.DemoUser.Id;
        await host.Bot.PostAsync(host.Install(TenantsHost.A, ada));
        var alpha = await SeedAsync(host, TenantsHost.A, ada, "Alpha design review");
        var before = await host.SnapshotAsync(TenantsHost.A);

        // The same user id from tenant B: an install, commands, and card actions carrying A's record id and ETag.
        await host.Bot.PostAsync(host.Install(TenantsHost.B, ada));
        await host.Bot.PostAsync(host.Message(TenantsHost.B, ada, "summary"));
        var data = new Dictionary<string, string> { ["id"] = alpha.Id, ["etag"] = alpha.ETag.ToString(), ["week"] = BotHarness.ThisWeek.ToString(), ["cat:" + alpha.Id] = "hiring" };
        var confirm = await host.Bot.InvokeCardAsync(host.Bot.Invoke("confirm", data, TenantsHost.B, ada));
        var confirmAll = await host.Bot.InvokeCardAsync(host.Bot.Invoke("confirmAll", data, TenantsHost.B, ada));

        StringAssert.Contains(BotHarness.Notice(confirm), "not in your GlueTeams data");
        Assert.DoesNotContain("Alpha design review", BotHarness.Texts(confirmAll), "B's card never shows A's record");
        CollectionAssert.AreEqual(before.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList(), "not one row of A changed");
        Assert.AreEqual(ActivityStatus.Suggested, (await Activities(host).GetAsync(TenantsHost.A, ada, alpha.Id))!.Record.Status);
        Assert.IsNotNull(await host.Users.GetAsync(TenantsHost.B, ada), "B's user is B's own profile");
        Assert.IsTrue((await host.RowsOfAsync(TenantsHost.B)).All(row => !row.Contains(TenantsHost.A, StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_token_from_B_never_reads_As_team_or_records()
    {
        await using var host = await TenantsHost.StartAsync();
        var managerA = host.OrgA.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 2);
        var reportA = host.OrgA.Get(managerA.DirectReportIds[0]);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.OrgA, reportA));
        await SeedAsync(host, TenantsHost.A, reportA.Id, "Alpha onboarding");
        var managerB = host.OrgB.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 1);
        var auditBefore = await host.SnapshotAsync(TenantsHost.A);

        // A's manager id, but a token of tenant B: B's directory does not know them, so they have no reports here.
        using var impostor = host.ClientFor(TenantsHost.B, managerA.Id);
        using var team = await impostor.GetAsync(new Uri("/api/team/summary", UriKind.Relative));
        using var member = await impostor.GetAsync(new Uri($"/api/team/members/{reportA.Id}/summary", UriKind.Relative));
        using var reportAsB = host.ClientFor(TenantsHost.B, reportA.Id);
        var records = await reportAsB.GetFromJsonAsync<JsonNode>(new Uri($"/api/me/records?week={BotHarness.ThisWeek}", UriKind.Relative));
        // B's own manager sees B's own reports, read from B's directory.
        using var realB = host.ClientFor(TenantsHost.B, managerB.Id);
        var teamB = await realB.GetFromJsonAsync<JsonObject>(new Uri("/api/team/summary", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Forbidden, team.StatusCode, "no reports in B: not a manager there");
        Assert.AreEqual(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.DoesNotContain("Alpha onboarding", records!.ToJsonString());
        CollectionAssert.AreEquivalent(managerB.DirectReportIds.ToList(), teamB!["members"]!.AsArray().Select(m => (string)m!["userId"]!).ToList());
        CollectionAssert.AreEqual(auditBefore.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList(), "no audit entry or row of A was written");
    }

    [TestMethod]
    public async Task A_tag_lands_in_the_callers_own_tenant_and_never_on_another_tenants_meeting()
    {
        await using var host = await TenantsHost.StartAsync();
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc);
        var engineerA = host.OrgA.DemoUser;
        var engineerB = host.OrgB.DemoUser;
        var meetingA = Counted(host.Simulator.Tenant.Calendars, engineerA.Id, week);
        var meetingB = Counted(host.Simulator.SecondTenant.Calendars, engineerB.Id, week);
        var tag = new { category = "mentoring", impact = "multiplier" };
        var before = await host.SnapshotAsync(TenantsHost.A);

        using var asB = host.ClientFor(TenantsHost.B, engineerB.Id);
        using var own = await asB.PutAsJsonAsync(new Uri("/api/tags/" + Uri.EscapeDataString(meetingB.Id), UriKind.Relative), tag);
        // A's engineer id with a token of B, on A's meeting: B's Graph has no such mailbox or event.
        using var forgedAs = host.ClientFor(TenantsHost.B, engineerA.Id);
        using var forged = await forgedAs.PutAsJsonAsync(new Uri("/api/tags/" + Uri.EscapeDataString(meetingA.Id), UriKind.Relative), tag);

        Assert.AreEqual(HttpStatusCode.OK, own.StatusCode, await own.Content.ReadAsStringAsync());
        var stored = (await Activities(host).ListAllAsync(TenantsHost.B, engineerB.Id)).Single();
        Assert.AreEqual(TenantsHost.B, stored.Record.TenantId);
        Assert.AreEqual(meetingB.Subject, stored.Record.Title);
        Assert.AreEqual(HttpStatusCode.NotFound, forged.StatusCode, await forged.Content.ReadAsStringAsync());
        CollectionAssert.AreEqual(before.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList(), "nothing of A was written");
        Assert.IsEmpty(await Activities(host).ListAllAsync(TenantsHost.B, engineerA.Id));
    }

    [TestMethod]
    public async Task Each_tenant_is_synced_with_its_own_token_and_A_token_never_reads_Bs_calendars()
    {
        await using var host = await TenantsHost.StartAsync();
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc);
        var userA = SimulatedProfiles.For(host.OrgA, host.OrgA.DemoUser, tenantId: TenantsHost.A);
        var userB = SimulatedProfiles.For(host.OrgB, host.OrgB.DemoUser, tenantId: TenantsHost.B);
        var sync = host.App.Services.GetRequiredService<WeekSync>();

        var results = await sync.SyncAsync([userA, userB], week);

        Assert.IsTrue(results.All(r => r.Succeeded), string.Join("; ", results.Select(r => r.Error)));
        await AssertOwnMeetingsAsync(host, TenantsHost.B, userB.UserId, host.Simulator.SecondTenant, host.Simulator.Tenant, week);
        await AssertOwnMeetingsAsync(host, TenantsHost.A, userA.UserId, host.Simulator.Tenant, host.Simulator.SecondTenant, week);
        Assert.IsGreaterThan(0, host.Simulator.SecondTenant.Counters.Of("calendarView"), "B was read by B's Graph");

        // The token B's requests carry is B's; A's Graph asking for B's person finds no such mailbox.
        var clients = host.App.Services.GetRequiredService<TenantGraphClients>();
        var tokenB = await clients.CredentialFor(TenantsHost.B).GetTokenAsync(new Azure.Core.TokenRequestContext([GraphClients.Scope]), CancellationToken.None);
        Assert.AreEqual(TenantsHost.B, new JsonWebToken(tokenB.Token).GetClaim("tid").Value);
        var readsB = host.Simulator.SecondTenant.Counters.Total;
        var crossed = await clients.For(TenantsHost.A).Calendars.ReadWeeksAsync([new(userB.UserId, week, TimeZoneInfo.Utc)]);
        Assert.AreEqual(404, crossed.Single().FailedStatus);
        Assert.AreEqual(readsB, host.Simulator.SecondTenant.Counters.Total, "A's token never reached B's data");
    }

    [TestMethod]
    public async Task The_weekly_fan_out_sends_each_tenants_cards_only_to_its_own_users()
    {
        await using var host = await TenantsHost.StartAsync();
        var ada = host.OrgA.DemoUser.Id;
        var bea = host.OrgB.DemoUser.Id;
        foreach (var (tenant, user) in new[] { (TenantsHost.A, ada), (TenantsHost.B, bea) })
        {
            await host.Bot.PostAsync(host.Install(tenant, user));
            await host.App.Services.GetRequiredService<CardScheduleStore>().ScheduleAsync(tenant, user, TestClock.Shared.GetUtcNow().AddMinutes(-1));
        }
        var before = host.Bot.App.Connector.Requests.Count;

        var sent = await host.App.Services.GetRequiredService<WeeklyCardScheduler>().SendDueAsync(CancellationToken.None);
        await host.Bot.DrainOutboxAsync();

        Assert.AreEqual(2, sent);
        var cards = host.Bot.App.Connector.Requests.Skip(before)
            .Select(r => (r.Uri, Card: JsonNode.Parse(r.Body)!["attachments"]?[0]?["content"]))
            .Where(c => c.Card is not null && BotHarness.Texts(c.Card).Contains("Your glue work, week", StringComparison.Ordinal))
            .ToList();
        Assert.HasCount(2, cards);
        foreach (var (tenant, org, user) in new[] { (TenantsHost.A, host.Simulator.Tenant, ada), (TenantsHost.B, host.Simulator.SecondTenant, bea) })
        {
            var card = cards.Single(c => c.Uri.AbsolutePath.Contains(Uri.EscapeDataString("a:chat-" + user), StringComparison.Ordinal)).Card!;
            var profile = (await host.Users.GetAsync(tenant, user))!;
            var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), profile.TimeZone);
            await AssertOwnMeetingsAsync(host, tenant, user, org, org == host.Simulator.Tenant ? host.Simulator.SecondTenant : host.Simulator.Tenant, week);
            Assert.DoesNotContain("Couldn't reach your calendar", BotHarness.Texts(card), "read with the tenant's own token");
        }
    }

    private static SimulatedEvent Counted(SimulatedCalendars calendars, string userId, IsoWeek week) => calendars.EventsFor(userId, week)
        .First(e => !e.IsCancelled && e.Response != "declined" && !e.IsAllDay && e.ShowAs != "free" && e.Type != "seriesMaster" && e.Sensitivity == "normal"
                    && e.Start > TestClock.Shared.GetUtcNow().AddDays(-6));

    /// <summary>The user's stored week is meetings of their own tenant's calendar, and none of the other's.</summary>
    private static async Task AssertOwnMeetingsAsync(TenantsHost host, string tenantId, string userId, Simulator.SimulatedTenant own, Simulator.SimulatedTenant other, IsoWeek week)
    {
        var stored = await Activities(host).ListAsync(tenantId, userId, week, week);
        var ownIds = own.Calendars.EventsFor(userId, week).Select(e => e.Id).ToHashSet();
        var otherIds = other.Org.Find(userId) is null ? [] : other.Calendars.EventsFor(userId, week).Select(e => e.Id).ToHashSet();
        Assert.IsNotEmpty(stored, $"{tenantId}'s week was synced");
        Assert.IsTrue(stored.All(r => r.Record.TenantId == tenantId && ownIds.Contains(r.Record.CalendarEventId ?? "") && !otherIds.Contains(r.Record.CalendarEventId ?? "")),
            $"{tenantId}'s rows are its own calendar's meetings");
    }
}
