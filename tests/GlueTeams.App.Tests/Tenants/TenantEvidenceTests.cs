using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Evidence;
using GlueTeams.App.Tests.Evidence;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// The evidence features (issue 16) on a multi-tenant deployment: artifact reach is read for every consented tenant with
/// that tenant's own Graph, and nothing of tenant A's evidence (acknowledgements, nudges, impact, packet) is seen,
/// acknowledged, quoted or dismissed through a token of tenant B, even one carrying A's user ids.
/// </summary>
[TestClass]
public sealed class TenantEvidenceTests
{
    private static readonly Uri GuideOfA = new("https://contoso.sharepoint.com/sites/eng/Shared%20Documents/Onboarding%20guide.docx");
    private static readonly Uri RunbookOfB = new("https://fabrikam.sharepoint.com/sites/ops/Shared%20Documents/Runbook.docx");
    private static readonly Uri TalkOfC = new("https://northwind.sharepoint.com/sites/eng/Shared%20Documents/Talk.pptx");

    /// <summary>The user's profile in the tenant, and one confirmed record of this week with the artifact link.</summary>
    private static async Task SeedArtifactAsync(TenantsHost host, string tenantId, SimulatedOrg org, SimulatedUser user, Uri artifact)
    {
        await host.Users.UpsertAsync(SimulatedProfiles.For(org, user, tenantId: tenantId));
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone));
        await host.App.Services.GetRequiredService<ActivityStore>().PutDecidedAsync(
            SimulatedRecords.Meeting(tenantId, user.Id, week, 1, "Onboarding session").Confirmed("onboarding", shared: true, Impact.Multiplier, artifact));
    }

    private static Task<IReadOnlyList<ArtifactReach>> ReachOfAsync(TenantsHost host, string tenantId, string userId) =>
        host.App.Services.GetRequiredService<ArtifactReachStore>().ListAsync(tenantId, userId);

    [TestMethod]
    public async Task Artifact_reach_is_refreshed_for_every_consented_tenant_each_with_its_own_Graph()
    {
        await using var host = await TenantsHost.StartAsync();
        var ada = host.OrgA.DemoUser;
        var bea = host.OrgB.DemoUser;
        await SeedArtifactAsync(host, TenantsHost.A, host.OrgA, ada, GuideOfA);
        await SeedArtifactAsync(host, TenantsHost.B, host.OrgB, bea, RunbookOfB);
        await SeedArtifactAsync(host, TenantsHost.C, host.OrgA, ada, TalkOfC); // a tenant that never consented
        host.Simulator.SecondTenant.Drives.Denied = true; // B's admin did not grant the permission; A's did
        var refresh = host.App.Services.GetRequiredService<ArtifactReachRefresh>();

        var counts = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(2, 1, 1), counts, "A's link read, B's refused, C's never asked about");
        var ofA = (await ReachOfAsync(host, TenantsHost.A, ada.Id)).Single();
        Assert.AreEqual(ReachStatus.Known, ofA.Status);
        Assert.AreEqual(host.Simulator.Tenant.Drives.ReachOf(GuideOfA), (ofA.Views, ofA.Viewers), "A's views, as A's Graph reports them");
        Assert.AreEqual(ReachStatus.Denied, (await ReachOfAsync(host, TenantsHost.B, bea.Id)).Single().Status, "B's refusal is B's alone");
        Assert.IsEmpty(await ReachOfAsync(host, TenantsHost.C, ada.Id));
        Assert.AreEqual(1, host.Simulator.Tenant.Counters.Of("shares"), "A's link went to A's Graph");
        Assert.AreEqual(1, host.Simulator.SecondTenant.Counters.Of("shares"), "B's link went to B's Graph, with B's token");

        // B is being offboarded: every instance stops reading it at once, and A is read as before.
        await host.App.Services.GetRequiredService<ErasureTombstones>().MarkTenantAsync(TenantsHost.B);
        host.Simulator.SecondTenant.Drives.Denied = false;

        var again = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(1, 1, 0), again);
        Assert.AreEqual(1, host.Simulator.SecondTenant.Counters.Of("shares"), "B's Graph was not asked again");
        Assert.AreEqual(2, host.Simulator.Tenant.Counters.Of("shares"));
        using var client = host.ClientFor(TenantsHost.A, ada.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me/summary", UriKind.Relative))).StatusCode, "the app still serves A");
    }

    [TestMethod]
    public async Task A_tenant_whose_Graph_is_down_is_read_next_time_and_the_other_tenants_are_read_now()
    {
        await using var host = await TenantsHost.StartAsync();
        await SeedArtifactAsync(host, TenantsHost.A, host.OrgA, host.OrgA.DemoUser, GuideOfA);
        await SeedArtifactAsync(host, TenantsHost.B, host.OrgB, host.OrgB.DemoUser, RunbookOfB);
        host.Simulator.SecondTenant.Faults.UnavailableShare = 1; // B's Graph answers 503 to everything, past every retry
        host.Simulator.SecondTenant.Faults.RetryAfterSeconds = 0; // and asks for them at once, so the SDK's retries run out without a wait
        var refresh = host.App.Services.GetRequiredService<ArtifactReachRefresh>();

        var during = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(1, 1, 0), during, "A was read; B's outage is not a refusal and stores nothing");
        Assert.AreEqual(ReachStatus.Known, (await ReachOfAsync(host, TenantsHost.A, host.OrgA.DemoUser.Id)).Single().Status);
        Assert.IsEmpty(await ReachOfAsync(host, TenantsHost.B, host.OrgB.DemoUser.Id));
        using (var client = host.ClientFor(TenantsHost.B, host.OrgB.DemoUser.Id))
        {
            Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me/acknowledgements", UriKind.Relative))).StatusCode, "the app still serves B");
        }

        host.Simulator.SecondTenant.Faults.UnavailableShare = 0;
        var after = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(2, 2, 0), after);
        Assert.AreEqual(host.Simulator.SecondTenant.Drives.ReachOf(RunbookOfB),
            (await ReachOfAsync(host, TenantsHost.B, host.OrgB.DemoUser.Id)).Single() is var b ? (b.Views, b.Viewers) : default);
    }

    [TestMethod]
    public async Task People_reached_and_their_teams_are_read_from_the_engineers_own_tenants_directory()
    {
        await using var host = await TenantsHost.StartAsync();
        var bea = host.OrgB.DemoUser;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(bea.TimeZone);
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), zone);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.OrgB, bea, tenantId: TenantsHost.B));
        string[] colleagues = [.. host.OrgB.Users.Where(u => u.Id != bea.Id).Take(4).Select(u => u.Mail)];
        string[] outsiders = ["ada@partner.example", "lin@partner.example"]; // guests B's directory does not know
        var activities = host.App.Services.GetRequiredService<ActivityStore>();
        await activities.PutDecidedAsync(SimulatedRecords.Meeting(TenantsHost.B, bea.Id, week, 1, "Design review").Confirmed("design-review", shared: true) with { People = colleagues });
        await activities.PutDecidedAsync(SimulatedRecords.Meeting(TenantsHost.B, bea.Id, week, 2, "Partner sync").Confirmed("coordination", shared: true) with { People = outsiders });
        var readsOfA = host.Simulator.Tenant.Counters.Total;
        // What B's directory says: a colleague's team is their manager, else their department.
        var teams = colleagues.Select(mail => host.OrgB.Users.Single(u => u.Mail == mail)).Select(u => u.ManagerId ?? u.Department).Distinct().Count();

        using var client = host.ClientFor(TenantsHost.B, bea.Id);
        var impact = await client.GetFromJsonAsync<JsonObject>(new Uri($"/api/me/impact?from={week}&to={week}", UriKind.Relative));

        Assert.AreEqual(6, (int)impact!["people"]!);
        Assert.AreEqual(teams, (int)impact["teams"]!, "teams as B's own directory knows them; the guests have none");
        Assert.IsGreaterThanOrEqualTo(colleagues.Length, host.Simulator.SecondTenant.Counters.Of("user"), "looked up in B's directory, with B's token");
        Assert.AreEqual(readsOfA, host.Simulator.Tenant.Counters.Total, "A's directory was never asked about B's colleagues");
    }

    [TestMethod]
    public async Task A_token_of_B_never_sees_acknowledges_quotes_or_dismisses_anything_of_A()
    {
        await using var host = await TenantsHost.StartAsync();
        var managerA = host.OrgA.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 1);
        var reportA = host.OrgA.Get(managerA.DirectReportIds[0]);
        var managerB = host.OrgB.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 1);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reportA.TimeZone);
        var to = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), zone);
        var from = to.AddWeeks(-5);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.OrgA, reportA, tenantId: TenantsHost.A));
        var records = SimulatedRecords.Weeks(TenantsHost.A, reportA.Id, from, to.AddWeeks(-1));
        foreach (var record in records.Concat(NudgeTests.History(TenantsHost.A, reportA.Id, zone)))
        {
            await host.App.Services.GetRequiredService<ActivityStore>().PutDecidedAsync(record);
        }
        var recordId = RecordIds.Of(records[0]);
        const string note = "Alpha: your mentoring made the new team productive in weeks.";
        using var engineerA = host.ClientFor(TenantsHost.A, reportA.Id);
        using (var managerOfA = host.ClientFor(TenantsHost.A, managerA.Id))
        {
            using var created = await managerOfA.PostAsJsonAsync(new Uri($"/api/team/members/{reportA.Id}/acknowledgements", UriKind.Relative), new { recordId, note });
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        }
        var acknowledgementId = (string)(await engineerA.GetFromJsonAsync<JsonArray>(new Uri("/api/me/acknowledgements", UriKind.Relative)))!.Single()!["id"]!;
        var nudgesOfA = (await engineerA.GetFromJsonAsync<List<Nudge>>(new Uri("/api/me/nudges", UriKind.Relative), TabApiHost.Json))!;
        Assert.IsNotEmpty(nudgesOfA, "A's engineer has nudges, so B's empty answer below means something");
        var before = await host.SnapshotAsync(TenantsHost.A);
        var beforeB = await host.SnapshotAsync(TenantsHost.B);

        // A's manager id with a token of B; B's own manager; A's engineer id with a token of B.
        using var managerAsB = host.ClientFor(TenantsHost.B, managerA.Id);
        using var realManagerB = host.ClientFor(TenantsHost.B, managerB.Id);
        using var engineerAsB = host.ClientFor(TenantsHost.B, reportA.Id);
        var acknowledge = new Uri($"/api/team/members/{reportA.Id}/acknowledgements", UriKind.Relative);
        foreach (var manager in new[] { managerAsB, realManagerB })
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(acknowledge, new { recordId, note = "Forged thanks" })).StatusCode);
            Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(acknowledge, new { from = from.ToString(), to = to.ToString(), note = "Forged thanks" })).StatusCode);
            Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.GetAsync(acknowledge)).StatusCode, "not their report here: nothing A's manager wrote is shown");
        }
        Assert.AreEqual("[]", await engineerAsB.GetStringAsync(new Uri("/api/me/acknowledgements", UriKind.Relative)));
        Assert.AreEqual("[]", await engineerAsB.GetStringAsync(new Uri("/api/me/nudges", UriKind.Relative)));
        Assert.AreEqual(HttpStatusCode.NotFound, (await engineerAsB.PatchAsJsonAsync(new Uri($"/api/me/acknowledgements/{acknowledgementId}", UriKind.Relative), new { quoted = true })).StatusCode);
        foreach (var nudge in nudgesOfA)
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await engineerAsB.PostAsJsonAsync(new Uri("/api/me/nudges/dismiss", UriKind.Relative), new { key = nudge.Key })).StatusCode);
        }
        var impact = await engineerAsB.GetFromJsonAsync<JsonObject>(new Uri($"/api/me/impact?from={from}&to={to}", UriKind.Relative));
        Assert.AreEqual(0, (int)impact!["weeksWithRecords"]!);
        Assert.AreEqual(0, (int)impact["people"]!);
        using var packet = await engineerAsB.GetAsync(new Uri($"/api/me/export?from={from}&to={to}&format=md", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, packet.StatusCode);
        using var zip = new ZipArchive(await packet.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        var markdown = await reader.ReadToEndAsync();
        Assert.DoesNotContain("Alpha", markdown, "not A's quote");
        Assert.DoesNotContain("Mentoring session", markdown, "not A's records");

        CollectionAssert.AreEqual(before.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList(), "not one row of A changed, no audit entry of A was written");
        CollectionAssert.AreEqual(beforeB.ToList(), (await host.SnapshotAsync(TenantsHost.B)).ToList(), "and nothing was written for B either");
        // A's engineer still sees their own, unquoted, and their nudges, none dismissed.
        var mine = (await engineerA.GetFromJsonAsync<JsonArray>(new Uri("/api/me/acknowledgements", UriKind.Relative)))!.Single()!;
        Assert.AreEqual(note, (string)mine["note"]!);
        Assert.IsFalse((bool)mine["quoted"]!);
        Assert.HasCount(nudgesOfA.Count, (await engineerA.GetFromJsonAsync<List<Nudge>>(new Uri("/api/me/nudges", UriKind.Relative), TabApiHost.Json))!);
    }
}
