using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Api;

[TestClass]
public sealed class TeamApiTests
{
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        var to = TabApiHost.CurrentWeek;
        var report = s_host.Report(0);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, report.Id, to.AddWeeks(-5), to);
        // Confirmed glue work the report chose to hide, and a suggestion never confirmed: neither may reach the manager.
        records.Add(SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, to, 12, "Secret career chat")
            .Confirmed("mentoring", shared: false, artifact: new Uri("https://hidden.example.com/private")));
        records.Add(SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, to, 13, "Unconfirmed talk"));
        await s_host.SeedAsync(report, records);
        await s_host.SeedAsync(s_host.Report(1), SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(1).Id, to.AddWeeks(-5), to, gluePerWeek: 1));
        await s_host.SeedAsync(s_host.NotAReport, SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.NotAReport.Id, to.AddWeeks(-5), to));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    [TestMethod]
    public async Task TeamSummary_Manager_SeesEveryDirectReportsSharedWorkAndTheAuditIsWritten()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var team = await client.GetFromJsonAsync<JsonElement>("/api/team/summary?weeks=12");
        var members = team.GetProperty("members").EnumerateArray().ToList();
        CollectionAssert.AreEquivalent(s_host.Manager.DirectReportIds.ToList(), members.Select(m => m.GetProperty("userId").GetString()).ToList());
        var report = members.Single(m => m.GetProperty("userId").GetString() == s_host.Report(0).Id);
        var total = report.GetProperty("period").GetProperty("total");
        Assert.AreEqual(6 * 3 * 60, total.GetProperty("glueMinutes").GetInt32(), "the hidden record is not counted");
        Assert.IsFalse(team.ToString().Contains("hidden.example.com", StringComparison.Ordinal));
        Assert.IsFalse(team.ToString().Contains("Secret career chat", StringComparison.Ordinal));
        var shares = team.GetProperty("shares").EnumerateArray().ToDictionary(s => s.GetProperty("userId").GetString()!, s => s.GetProperty("share").GetDouble());
        Assert.AreEqual(0.75, shares[s_host.Report(0).Id], 1e-9);
        Assert.AreEqual(0.25, shares[s_host.Report(1).Id], 1e-9);
        var signals = team.GetProperty("signals").EnumerateArray().ToList();
        Assert.IsFalse(signals.Any(s => s.GetProperty("userId").GetString() == s_host.Report(0).Id && s.GetProperty("kind").GetInt32() == 0),
            "two members share: three quarters is not above the 75% cap of a team of two (signals count sharing members only)");

        var audit = await s_host.Audit.ListAsync(TabApiHost.TenantId, s_host.Report(0).Id);
        Assert.IsTrue(audit.Any(e => e.ActorUserId == s_host.Manager.Id && e.Action == "manager-viewed-team-summary"));
        using var reportClient = s_host.ClientFor(s_host.Report(0).Id);
        var seen = await reportClient.GetFromJsonAsync<JsonElement>("/api/me/audit");
        Assert.IsTrue(seen.EnumerateArray().Any(e => e.GetProperty("actorName").GetString() == s_host.Manager.DisplayName || e.GetProperty("actorId").GetString() == s_host.Manager.Id));
    }

    [TestMethod]
    public async Task MemberSummary_DirectReport_IsSharedOnlyAndAudited()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var member = await client.GetFromJsonAsync<JsonElement>($"/api/team/members/{s_host.Report(0).Id}/summary?weeks=4");
        Assert.AreEqual(4, member.GetProperty("period").GetProperty("weeks").GetArrayLength());
        Assert.AreEqual(4 * 3 * 60, member.GetProperty("period").GetProperty("total").GetProperty("glueMinutes").GetInt32());
        var audit = await s_host.Audit.ListAsync(TabApiHost.TenantId, s_host.Report(0).Id);
        Assert.IsTrue(audit.Any(e => e.ActorUserId == s_host.Manager.Id && e.Action == "manager-viewed-member-summary"));
    }

    [TestMethod]
    public async Task MemberSummary_NotADirectReport_Is403WithNoData()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var response = await client.GetAsync(new Uri($"/api/team/members/{s_host.NotAReport.Id}/summary", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.IsFalse((await response.Content.ReadAsStringAsync()).Contains("glueMinutes", StringComparison.Ordinal));
        Assert.AreEqual(0, (await s_host.Audit.ListAsync(TabApiHost.TenantId, s_host.NotAReport.Id)).Count);
    }

    [TestMethod]
    public async Task TeamSummary_SomeoneWithoutReports_Is403()
    {
        using var client = s_host.ClientFor(s_host.NotAReport.Id);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/team/summary", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task AnotherTenant_SameIds_FindsNothing()
    {
        using var manager = s_host.ClientFor(s_host.Manager.Id, OtherTenant);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri("/api/team/summary", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri($"/api/team/members/{s_host.Report(0).Id}/summary", UriKind.Relative))).StatusCode);
        using var report = s_host.ClientFor(s_host.Report(0).Id, OtherTenant);
        var summary = await report.GetFromJsonAsync<JsonElement>("/api/me/summary");
        Assert.AreEqual(0, summary.GetProperty("total").GetProperty("meetingMinutes").GetInt32());
        Assert.AreEqual(0, (await report.GetFromJsonAsync<JsonElement>($"/api/me/records?week={TabApiHost.CurrentWeek}")).GetArrayLength());
    }
}
