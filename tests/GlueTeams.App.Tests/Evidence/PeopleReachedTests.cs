using System.Net.Http.Json;
using Azure.Data.Tables;
using GlueTeams.App.Evidence;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Export;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Storage;
using GlueTeams.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Evidence;

/// <summary>
/// People reached, on the simulator: four weeks of a simulated engineer's calendar synced through Graph and confirmed,
/// then <c>GET /api/me/impact</c> against the ground truth read from the simulated calendars and org directly.
/// </summary>
[TestClass]
public sealed class PeopleReachedTests
{
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => s_host = await SimulatedEngineer.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    [TestMethod]
    public async Task People_and_teams_reached_are_the_distinct_colleagues_of_confirmed_non_private_glue_meetings()
    {
        var user = SimulatedEngineer.User(s_host);
        var glue = (await s_host.Activities.ListAsync(TabApiHost.TenantId, user.Id, SimulatedEngineer.FirstWeek, SimulatedEngineer.LastWeek))
            .Select(r => r.Record).Where(TimeInMeetings.IsGlue).ToList();
        // The truth, from the simulated mailboxes and directory, not from what GlueTeams stored.
        var people = new Dictionary<string, HashSet<string>>();
        foreach (var record in glue.Where(r => !r.IsRedacted))
        {
            var calendarEvent = s_host.Graph.Tenant.Calendars.Find(user.Id, record.CalendarEventId!)!;
            var others = calendarEvent.Attendees.Where(a => a.Type != "resource").Select(a => a.Email).Append(calendarEvent.Organizer.Email)
                .Where(e => !string.Equals(e, user.Mail, StringComparison.OrdinalIgnoreCase)).Select(e => e.ToLowerInvariant());
            people.TryAdd(record.Confirmation!.CategoryId, []);
            people[record.Confirmation!.CategoryId].UnionWith(others);
        }
        var everyone = people.Values.SelectMany(p => p).ToHashSet();
        string? TeamOf(string address) => s_host.Org.Find(address) is { } p ? p.ManagerId ?? p.Department : null;

        using var client = s_host.ClientFor(user.Id);
        var impact = await client.GetFromJsonAsync<ImpactView>($"/api/me/impact?from={SimulatedEngineer.FirstWeek}&to={SimulatedEngineer.LastWeek}", TabApiHost.Json);

        Assert.IsNotNull(impact);
        Assert.IsGreaterThan(5, everyone.Count, "the engineer's glue meetings have several colleagues");
        Assert.AreEqual(everyone.Count, impact.People);
        Assert.AreEqual(everyone.Select(TeamOf).OfType<string>().Distinct().Count(), impact.Teams);
        foreach (var category in impact.Categories)
        {
            var expected = people.GetValueOrDefault(category.CategoryId) ?? [];
            Assert.AreEqual(expected.Count, category.People, category.CategoryId);
            Assert.AreEqual(expected.Select(TeamOf).OfType<string>().Distinct().Count(), category.Teams, category.CategoryId);
            Assert.AreEqual(glue.Count(r => r.Confirmation!.CategoryId == category.CategoryId), category.Sessions, category.CategoryId);
        }
        Assert.AreEqual(4, impact.WeeksWithRecords);
        Assert.AreEqual(new DateOnly(2026, 11, 2), impact.FirstDay);
        Assert.AreEqual(new DateOnly(2026, 11, 29), impact.LastDay);
        StringAssert.Contains(impact.Categories.Single(c => c.CategoryId == "hiring").Summary, "interviews");
    }

    [TestMethod]
    public async Task Private_items_and_items_confirmed_as_not_glue_keep_no_addresses()
    {
        var user = SimulatedEngineer.User(s_host);
        var tables = s_host.App.Services.GetRequiredService<GlueTables>();
        var rows = tables.Activities.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Literal(TableKeys.UserPartition(TabApiHost.TenantId, user.Id))}");
        var (privateRows, notGlueRows, glueWithPeople) = (0, 0, 0);
        await foreach (var row in rows)
        {
            var people = row.GetString("People") ?? "";
            if (row.GetBoolean("Redacted") == true)
            {
                privateRows++;
                Assert.AreEqual("", people, "a private item's attendees are never stored");
            }
            else if (row.GetString("ConfCategory") == "not-glue" || (row.GetString("ConfCategory") is null && row.GetString("SugCategory") == "not-glue"))
            {
                notGlueRows++;
                Assert.AreEqual("", people, "nobody is reached in work that is not glue");
            }
            else if (people.Length > 0)
            {
                glueWithPeople++;
                Assert.DoesNotContain(user.Mail.ToLowerInvariant(), people, "the engineer is not one of the people they reached");
            }
        }
        Assert.IsGreaterThan(0, privateRows, "the simulated calendar has private items");
        Assert.IsGreaterThan(0, notGlueRows);
        Assert.IsGreaterThan(0, glueWithPeople);
    }

    [TestMethod]
    public async Task Impact_is_the_callers_own_and_checks_its_period()
    {
        using var anonymous = s_host.ClientWith(null);
        Assert.AreEqual(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/impact")).StatusCode);
        using var client = s_host.ClientFor(SimulatedEngineer.User(s_host).Id);
        using var bad = await client.GetAsync("/api/me/impact?from=2026-W99&to=2026-W48");
        Assert.AreEqual(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        // Someone else asking sees their own (empty) impact, never the engineer's.
        using var other = s_host.ClientFor(s_host.NotAReport.Id);
        var theirs = await other.GetFromJsonAsync<ImpactView>($"/api/me/impact?from={SimulatedEngineer.FirstWeek}&to={SimulatedEngineer.LastWeek}", TabApiHost.Json);
        Assert.AreEqual(0, theirs!.People);
    }
}
