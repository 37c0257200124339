using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Team;
using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Faults;

/// <summary>
/// The directory lookups of the tab API (a viewer's name, a mailbox's time zone) under a Graph outage: "Who viewed my
/// data" still answers, in words and without an id, and "this week" falls back to UTC; the app serves afterwards.
/// </summary>
[TestClass]
public sealed class DirectoryOutageTests
{
    [TestMethod]
    [DataRow(GraphOutageTests.Outage.Unavailable)]
    [DataRow(GraphOutageTests.Outage.Hang)]
    public async Task WhoViewed_AndThisWeek_WhileGraphFails_FallBackInWords_ThenServe(GraphOutageTests.Outage outage)
    {
        await using var host = await TabApiHost.StartAsync(GraphOutageTests.ShortDirectoryWait);
        var report = host.Report(0);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.Org, report));
        await host.Audit.AppendAsync(TabApiHost.TenantId, report.Id, host.Manager.Id, ManagerReads.TeamSummary, "2026-W37..2026-W48");
        var stranger = host.Org.Users.First(u => u.Role == OrgRole.Engineer && u.ManagerId != host.Manager.Id);
        using var client = host.ClientFor(report.Id);
        using var strangerClient = host.ClientFor(stranger.Id);

        GraphOutageTests.Break(host.Graph.Tenant.Faults, outage);
        using (var response = await client.GetAsync(new Uri("/api/me/audit", UriKind.Relative)))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
            var line = JsonDocument.Parse(body).RootElement.EnumerateArray().Single();
            StringAssert.StartsWith(line.GetProperty("text").GetString(), "Your manager viewed your summary in Team review once on ");
            Assert.DoesNotContain(host.Manager.Id, body, "never a raw id, even when the directory cannot name the viewer");
        }
        var summary = await strangerClient.GetFromJsonAsync<JsonElement>("/api/me/summary");
        Assert.AreEqual(IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc).ToString(), summary.GetProperty("to").GetString(),
            "without a profile and without the directory, this week is the UTC week");

        GraphOutageTests.Mend(host.Graph.Tenant.Faults);
        using var after = await client.GetAsync(new Uri("/api/me/audit", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, after.StatusCode, "the app still serves");
    }
}
