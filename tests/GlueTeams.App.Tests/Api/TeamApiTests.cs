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
        var to = s_host.TeamWeek;
        var report = s_host.Report(0);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, report.Id, to.AddWeeks(-5), to);
        // Confirmed glue work the report chose to hide, and a suggestion never confirmed: neither may reach the manager.
        records.Add(SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, to, 12, "Secret career chat")
            .Confirmed("mentoring", shared: false, artifact: new Uri("https://hidden.example.com/private")));
        records.Add(SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, to, 13, "Unconfirmed talk"));
        await s_host.SeedAsync(report, records);
        await s_host.SeedAsync(s_host.Report(1), SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(1).Id, to.AddWeeks(-5), to, gluePerWeek: 1));
        await s_host.SeedAsync(s_host.NotAReport, SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.NotAReport.Id, to.AddWeeks(-5), to));
        // Report 2 installed GlueTeams and confirmed work but shares none of it; report 3 never installed it.
        var quiet = SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(2).Id, to.AddWeeks(-5), to)
            .Select(r => r with { Confirmation = r.Confirmation! with { SharedWithManager = false } });
        await s_host.SeedAsync(s_host.Report(2), quiet, sharingDefault: null);
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
        Assert.IsFalse(signals.Any(s => s.GetProperty("userId").GetString() == s_host.Report(0).Id && s.GetProperty("kind").GetString() == "CarriesTeam"),
            "two members share: three quarters is not above the 75% cap of a team of two (signals count sharing members only)");

        var audit = await s_host.Audit.ListAsync(TabApiHost.TenantId, s_host.Report(0).Id);
        Assert.IsTrue(audit.Any(e => e.ActorUserId == s_host.Manager.Id && e.Action == "manager-viewed-team-summary"));
        using var reportClient = s_host.ClientFor(s_host.Report(0).Id);
        var seen = await reportClient.GetFromJsonAsync<JsonElement>("/api/me/audit");
        Assert.IsTrue(seen.EnumerateArray().Any(e => e.GetProperty("viewer").GetString() == s_host.Manager.DisplayName), seen.ToString());
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

    [TestMethod]
    public async Task TeamSummary_EachReportsStatus_SharingNotSharingNotInstalled_AndNothingElseOfThoseWhoDoNotShare()
    {
        Assert.IsGreaterThanOrEqualTo(4, s_host.Manager.DirectReportIds.Count, "the simulated manager has four reports or more");
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var team = await client.GetFromJsonAsync<JsonElement>("/api/team/summary?weeks=12");
        string Status(int index) => Member(team, s_host.Report(index).Id).GetProperty("sharing").GetString()!;
        Assert.AreEqual("sharing", Status(0));
        Assert.AreEqual("not-sharing", Status(2), "installed, confirmed, shares nothing");
        Assert.AreEqual("not-installed", Status(3), "no GlueTeams profile");
        foreach (var index in new[] { 2, 3 })
        {
            var member = Member(team, s_host.Report(index).Id);
            CollectionAssert.AreEquivalent(new[] { "userId", "displayName", "sharing", "period" }, member.EnumerateObject().Select(p => p.Name).ToList());
            Assert.AreEqual(JsonValueKind.Null, member.GetProperty("period").ValueKind);
        }
        Assert.AreEqual(2, team.GetProperty("shares").GetArrayLength(), "only the two who share have a share");
    }

    [TestMethod]
    public async Task TeamSummary_CategoryMixOverTime_SumsThePeopleWhoShare_WithTheirMultiplierShare()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var team = await client.GetFromJsonAsync<JsonElement>("/api/team/summary?weeks=4");
        var mix = team.GetProperty("mix");
        var weeks = mix.GetProperty("weeks").EnumerateArray().ToList();
        CollectionAssert.AreEqual(
            Enumerable.Range(0, 4).Select(i => s_host.TeamWeek.AddWeeks(i - 3).ToString()).ToList(),
            weeks.Select(w => w.GetProperty("week").GetString()).ToList());
        // Report 0: mentoring (multiplier), design review, mentoring (multiplier); report 1: mentoring (multiplier).
        // Report 2's unshared hours are in no number.
        foreach (var week in weeks.Select(w => w.GetProperty("mix")))
        {
            Assert.AreEqual(4 * 60, week.GetProperty("glueMinutes").GetInt32());
            Assert.AreEqual(3 * 60, week.GetProperty("minutesByCategory").GetProperty("mentoring").GetInt32());
            Assert.AreEqual(60, week.GetProperty("minutesByCategory").GetProperty("design-review").GetInt32());
        }
        var total = mix.GetProperty("total");
        Assert.AreEqual(16 * 60, total.GetProperty("glueMinutes").GetInt32());
        Assert.AreEqual(0.75, total.GetProperty("multiplierShare").GetDouble(), 1e-9);
    }

    [TestMethod]
    public async Task Period_WeeksOrFromTo_IsExactlyTheWeeksAsked()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        var to = s_host.TeamWeek;
        foreach (var weeks in new[] { 4, 12, 26, 52 })
        {
            var team = await client.GetFromJsonAsync<JsonElement>($"/api/team/summary?weeks={weeks}");
            Assert.AreEqual(to.AddWeeks(1 - weeks).ToString(), team.GetProperty("from").GetString());
            Assert.AreEqual(to.ToString(), team.GetProperty("to").GetString());
            Assert.AreEqual(weeks, team.GetProperty("mix").GetProperty("weeks").GetArrayLength());
        }
        var range = await client.GetFromJsonAsync<JsonElement>($"/api/team/summary?from={to.AddWeeks(-3)}&to={to.AddWeeks(-2)}");
        Assert.AreEqual(2, range.GetProperty("mix").GetProperty("weeks").GetArrayLength());
        Assert.AreEqual(2 * 3 * 60, Member(range, s_host.Report(0).Id).GetProperty("period").GetProperty("total").GetProperty("glueMinutes").GetInt32());

        // A signal's weeks open the person's drill-down on exactly those weeks.
        var member = await client.GetFromJsonAsync<JsonElement>($"/api/team/members/{s_host.Report(0).Id}/summary?from={to.AddWeeks(-4)}&to={to.AddWeeks(-1)}");
        var memberWeeks = member.GetProperty("period").GetProperty("weeks").EnumerateArray().Select(w => w.GetProperty("week").GetString()).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, 4).Select(i => to.AddWeeks(i - 5).ToString()).ToList(), memberWeeks);
    }

    [TestMethod]
    [DataRow("weeks=4&from=2026-W01&to=2026-W04", "not both")]
    [DataRow("from=2026-W10&to=2026-W01", "after")]
    [DataRow("from=2020-W01&to=2026-W01", "at most")]
    [DataRow("from=2026-W60", "'from'")]
    [DataRow("to=2026-11-30", "'to'")]
    [DataRow("weeks=53", "'weeks'")]
    [DataRow("from=2026-W01%27%20or%20PartitionKey%20ne%20%27&to=2026-W02", "'from'")]
    [DataRow("to=2026-W02%00", "'to'")]
    public async Task BadPeriod_Is400_OnEveryTeamRoute_AndNothingIsReadOrAudited(string query, string says)
    {
        var report = s_host.Report(1);
        var before = (await s_host.Audit.ListAsync(TabApiHost.TenantId, report.Id)).Count;
        using var client = s_host.ClientFor(s_host.Manager.Id);
        foreach (var route in new[] { "/api/team/summary", "/api/team/export", $"/api/team/members/{report.Id}/summary" })
        {
            using var response = await client.GetAsync(new Uri($"{route}?{query}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, $"{route}: {body}");
            Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(body, says);
        }
        Assert.AreEqual(before, (await s_host.Audit.ListAsync(TabApiHost.TenantId, report.Id)).Count, "no read, no audit entry");
    }

    [TestMethod]
    public async Task TeamExport_IsWhatTheManagerSees_AsCsv_AndEveryReportSeesItInTheAudit()
    {
        using var client = s_host.ClientFor(s_host.Manager.Id);
        using var response = await client.GetAsync(new Uri("/api/team/export?weeks=4", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        var to = s_host.TeamWeek;
        Assert.AreEqual($"team-glue-work-{to.AddWeeks(-3)}-{to}.csv", response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var header = rows[0].ToList();
        Assert.AreEqual("person,status,week,glue_hours,share_of_team,multiplier_share,share_of_meeting_time", string.Join(',', header.Take(7)));
        Assert.DoesNotContain("delegated", csv, "delegated work is the engineer's private matter");
        string Cell(string[] row, string column) => row[header.IndexOf(column)];
        var period = $"{to.AddWeeks(-3)}..{to}";

        var team = rows.Single(r => r[0] == GlueTeams.App.Export.TeamCsv.TeamRowName && r[2] == period);
        Assert.AreEqual("2 of " + s_host.Manager.DirectReportIds.Count + " share", team[1]);
        Assert.AreEqual("16", Cell(team, "glue_hours"));
        Assert.AreEqual("75%", Cell(team, "multiplier_share"));
        var first = rows.Single(r => r[0] == s_host.Report(0).DisplayName && r[2] == period);
        Assert.AreEqual("sharing", first[1]);
        Assert.AreEqual("12", Cell(first, "glue_hours"));
        Assert.AreEqual("75%", Cell(first, "share_of_team"), "as the team view shows it");
        Assert.AreEqual("8", Cell(first, "mentoring_hours"));
        Assert.AreEqual(4, rows.Count(r => r[0] == s_host.Report(0).DisplayName && r[2] != period), "one row a week");
        foreach (var (index, status) in new[] { (2, "not-sharing"), (3, "not-installed") })
        {
            var only = rows.Where(r => r[0] == s_host.Report(index).DisplayName).ToList();
            Assert.HasCount(1, only, "one row: the name and the status");
            Assert.AreEqual(status, only[0][1]);
            Assert.IsTrue(only[0].Skip(2).All(c => c.Length == 0), string.Join(',', only[0]));
        }
        Assert.IsFalse(csv.Contains("Secret career chat", StringComparison.Ordinal) || csv.Contains("hidden.example.com", StringComparison.Ordinal));

        foreach (var id in s_host.Manager.DirectReportIds)
        {
            var audit = await s_host.Audit.ListAsync(TabApiHost.TenantId, id);
            Assert.IsTrue(audit.Any(e => e.ActorUserId == s_host.Manager.Id && e.Action == "manager-exported-team-summary"), "every report's export read is audited");
        }
        using var reportClient = s_host.ClientFor(s_host.Report(2).Id);
        var seen = await reportClient.GetFromJsonAsync<JsonElement>("/api/me/audit");
        Assert.IsTrue(seen.EnumerateArray().Any(e => e.GetProperty("text").GetString()!.StartsWith(
            $"{s_host.Manager.DisplayName} downloaded your summary in the team's CSV", StringComparison.Ordinal)), seen.ToString());
    }

    [TestMethod]
    public async Task TeamExport_NotAManager_OrAnotherTenant_Is403WithNoData()
    {
        using var engineer = s_host.ClientFor(s_host.NotAReport.Id);
        using var notManager = await engineer.GetAsync(new Uri("/api/team/export", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.Forbidden, notManager.StatusCode);
        using var manager = s_host.ClientFor(s_host.Manager.Id, OtherTenant);
        using var otherTenant = await manager.GetAsync(new Uri("/api/team/export", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.Forbidden, otherTenant.StatusCode);
        Assert.IsFalse((await otherTenant.Content.ReadAsStringAsync()).Contains("glue", StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public async Task WhoViewed_ThreeViewsInADay_AreOneLineWithTheManagersNameAndNoId()
    {
        // Only this test opens report 1's drill-down.
        using var manager = s_host.ClientFor(s_host.Manager.Id);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await manager.GetAsync(new Uri($"/api/team/members/{s_host.Report(1).Id}/summary", UriKind.Relative));
        }
        using var report = s_host.ClientFor(s_host.Report(1).Id);
        var body = await report.GetStringAsync(new Uri("/api/me/audit", UriKind.Relative));
        var lines = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        var line = lines.Single(l => l.GetProperty("what").GetString() == "opened your glue work in detail");
        Assert.AreEqual(3, line.GetProperty("times").GetInt32());
        Assert.AreEqual(s_host.Manager.DisplayName, line.GetProperty("viewer").GetString());
        var day = DateOnly.Parse(line.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual($"{s_host.Manager.DisplayName} opened your glue work in detail 3 times on {day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture)}",
            line.GetProperty("text").GetString());
        Assert.IsFalse(body.Contains(s_host.Manager.Id, StringComparison.OrdinalIgnoreCase), "never a raw id");
        Assert.IsFalse(body.Contains("manager-viewed", StringComparison.Ordinal), "never an action code");
    }

    private static JsonElement Member(JsonElement team, string userId) =>
        team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetString() == userId);
}
