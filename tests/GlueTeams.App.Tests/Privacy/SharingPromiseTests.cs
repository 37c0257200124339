using GlueTeams.Core.Records;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Bot;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>
/// "Nothing is shown to a manager that the engineer did not confirm and share", and "not sharing means nothing at
/// all": each test is one sentence of that promise, checked on the manager's raw API answers.
/// </summary>
[TestClass]
public sealed class SharingPromiseTests
{
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_host = await TabApiHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    [TestMethod]
    public async Task EngineerShares_ManagerSeesTheirConfirmedSharedWork()
    {
        await PrivacyHost.ReseedAsync(s_host, s_host.Report(0));
        await PrivacyHost.ReseedAsync(s_host, s_host.Report(1), gluePerWeek: 1);

        var team = await PrivacyHost.TeamAsync(s_host);
        var member = PrivacyHost.MemberIn(team, s_host.Report(0));
        Assert.AreEqual("sharing", member.GetProperty("sharing").GetString());
        Assert.AreEqual(6 * 3 * 60, member.GetProperty("period").GetProperty("total").GetProperty("glueMinutes").GetInt32());
        Assert.IsTrue(team.GetProperty("shares").EnumerateArray().Any(s => s.GetProperty("userId").GetString() == s_host.Report(0).Id));
        Assert.IsTrue(team.ToString().Contains("docs.example.com", StringComparison.Ordinal), "a shared artifact is shown");
        var one = await PrivacyHost.MemberAsync(s_host, s_host.Report(0));
        Assert.AreEqual(6 * 3 * 60, one.GetProperty("period").GetProperty("total").GetProperty("glueMinutes").GetInt32());
    }

    [TestMethod]
    public async Task EngineerKeepsPrivateInTeams_EveryTeamRouteShowsNothingButTheName()
    {
        var report = s_host.Report(0);
        await PrivacyHost.ReseedAsync(s_host, report);
        await PrivacyHost.ReseedAsync(s_host, s_host.Report(1), gluePerWeek: 1);
        Assert.AreEqual("sharing", PrivacyHost.MemberIn(await PrivacyHost.TeamAsync(s_host), report).GetProperty("sharing").GetString());

        // In Teams: settings → "Keep them private" asks once, with the count, and changes nothing until answered.
        var question = await PrivacyHost.InvokeAsync(s_host, report.Id, "saveSettings", new Dictionary<string, string>
        {
            ["cardDay"] = "Friday", ["cardTime"] = "15:00", ["timeZone"] = "UTC", ["sharing"] = "private", ["paused"] = "false",
        });
        StringAssert.Contains(BotHarness.Texts(question), "Make all 48 private?");
        Assert.AreEqual("sharing", PrivacyHost.MemberIn(await PrivacyHost.TeamAsync(s_host), report).GetProperty("sharing").GetString(), "nothing changed before the answer");
        var done = await PrivacyHost.InvokeAsync(s_host, report.Id, "applySharing", new Dictionary<string, string> { ["choice"] = "private" });
        StringAssert.Contains(BotHarness.Notice(done), "48 confirmed records are private");
        Assert.IsFalse((await s_host.Users.GetAsync(TabApiHost.TenantId, report.Id))!.SharingDefault);

        var team = await PrivacyHost.TeamAsync(s_host);
        PrivacyHost.AssertNameOnly(PrivacyHost.MemberIn(team, report), team, report);
        PrivacyHost.AssertNameOnly(await PrivacyHost.MemberAsync(s_host, report), null, report);
        Assert.AreEqual(1.0, team.GetProperty("shares").EnumerateArray().Single().GetProperty("share").GetDouble(), 1e-9,
            "the team's shares are made of sharing members only");

        // The engineer's own tab tells the truth: nothing of theirs is shared.
        using var own = s_host.ClientFor(report.Id);
        var state = await own.GetFromJsonAsync<JsonElement>("/api/me/sharing");
        Assert.AreEqual(48, state.GetProperty("confirmed").GetInt32());
        Assert.AreEqual(0, state.GetProperty("shared").GetInt32());
    }

    [TestMethod]
    public async Task EngineerChoosesToShareInTheWelcome_AskedOnceWithTheCount_ThenTheManagerSeesEveryConfirmedRecord()
    {
        var report = s_host.Report(0);
        await PrivacyHost.ReseedAsync(s_host, report, sharingDefault: null);
        using (var own = s_host.ClientFor(report.Id))
        {
            await own.PostAsJsonAsync("/api/me/records/sharing", new { from = PrivacyHost.WeekOf(s_host).AddWeeks(-5).ToString(), to = PrivacyHost.WeekOf(s_host).ToString(), shared = false });
        }
        PrivacyHost.AssertNameOnly(await PrivacyHost.MemberAsync(s_host, report), null, report);

        var question = await PrivacyHost.InvokeAsync(s_host, report.Id, "share", new Dictionary<string, string> { ["choice"] = "share" });
        var manager = (await s_host.Users.GetAsync(TabApiHost.TenantId, report.Id))!.ManagerUserPrincipalName ?? "your manager";
        StringAssert.Contains(BotHarness.Texts(question), $"Share your 48 confirmed records with {manager}?");
        Assert.IsNull((await s_host.Users.GetAsync(TabApiHost.TenantId, report.Id))!.SharingDefault, "nothing changes before the answer");
        await PrivacyHost.InvokeAsync(s_host, report.Id, "applySharing", new Dictionary<string, string> { ["choice"] = "share" });

        var member = await PrivacyHost.MemberAsync(s_host, report);
        Assert.AreEqual("sharing", member.GetProperty("sharing").GetString());
        Assert.AreEqual(6 * 3 * 60, member.GetProperty("period").GetProperty("total").GetProperty("glueMinutes").GetInt32());
        Assert.IsTrue((await s_host.Users.GetAsync(TabApiHost.TenantId, report.Id))!.SharingDefault);
    }

    [TestMethod]
    public async Task ForgedSharingAnswer_ChangesNothing()
    {
        var report = s_host.Report(0);
        await PrivacyHost.ReseedAsync(s_host, report);
        var card = await PrivacyHost.InvokeAsync(s_host, report.Id, "applySharing", new Dictionary<string, string> { ["choice"] = "everyone" });
        StringAssert.Contains(BotHarness.Notice(card), "nothing was changed");
        Assert.IsTrue((await s_host.Users.GetAsync(TabApiHost.TenantId, report.Id))!.SharingDefault);
        Assert.AreEqual("sharing", (await PrivacyHost.MemberAsync(s_host, report)).GetProperty("sharing").GetString());
    }

    [TestMethod]
    public async Task EngineerNeverAnswered_ManagerSeesNameOnly_EvenWithUnsharedConfirmedRecords()
    {
        var report = s_host.Report(0);
        await PrivacyHost.ReseedAsync(s_host, report, sharingDefault: null);
        using var own = s_host.ClientFor(report.Id);
        var hidden = await own.PostAsJsonAsync("/api/me/records/sharing", new { from = PrivacyHost.WeekOf(s_host).AddWeeks(-5).ToString(), to = PrivacyHost.WeekOf(s_host).ToString(), shared = false });
        Assert.AreEqual(HttpStatusCode.OK, hidden.StatusCode);

        var team = await PrivacyHost.TeamAsync(s_host);
        PrivacyHost.AssertNameOnly(PrivacyHost.MemberIn(team, report), team, report);
    }

    [TestMethod]
    public async Task PerRecordUnshare_ThatRecordLeavesTotalsSharesAndSignals()
    {
        var report = s_host.Report(0);
        // Four glue meetings of eight a week: glue-heavy weeks, and four fifths of the team's glue work.
        var records = await PrivacyHost.ReseedAsync(s_host, report, gluePerWeek: 4);
        await PrivacyHost.ReseedAsync(s_host, s_host.Report(1), gluePerWeek: 1);
        var before = await PrivacyHost.TeamAsync(s_host);
        Assert.IsTrue(before.GetProperty("signals").EnumerateArray().Any(s => s.GetProperty("userId").GetString() == report.Id));

        // Hide every glue meeting of the two latest weeks, and one artifact record: the run of heavy weeks is broken.
        var hide = records.Where(r => r.Week >= PrivacyHost.WeekOf(s_host).AddWeeks(-1) && r.Confirmation!.CategoryId != "not-glue")
            .Select(GlueTeams.Core.Records.RecordIds.Of).ToList();
        using var own = s_host.ClientFor(report.Id);
        var response = await own.PostAsJsonAsync("/api/me/records/sharing", new { ids = hide, shared = false });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, result.ToString());
        Assert.AreEqual(8, result.GetProperty("changed").GetInt32());

        var after = await PrivacyHost.TeamAsync(s_host);
        var member = PrivacyHost.MemberIn(after, report);
        var total = member.GetProperty("period").GetProperty("total");
        Assert.AreEqual(4 * 4 * 60, total.GetProperty("glueMinutes").GetInt32(), "the hidden records left the totals");
        var lastWeek = member.GetProperty("period").GetProperty("weeks").EnumerateArray().Last();
        Assert.AreEqual(0, lastWeek.GetProperty("summary").GetProperty("glueMinutes").GetInt32());
        Assert.AreEqual(4 * 60, lastWeek.GetProperty("summary").GetProperty("meetingMinutes").GetInt32(),
            "only the four shared not-glue meetings count as meeting time: unshared records are not meeting time either");
        var share = after.GetProperty("shares").EnumerateArray().Single(s => s.GetProperty("userId").GetString() == report.Id);
        Assert.AreEqual(4 * 4.0, share.GetProperty("glueHours").GetDouble(), 1e-9);
        Assert.IsFalse(after.GetProperty("signals").EnumerateArray().Any(s => s.GetProperty("userId").GetString() == report.Id && s.GetProperty("to").GetString() == PrivacyHost.WeekOf(s_host).ToString()),
            "no signal runs through the hidden weeks");
        var hiddenLinks = records.Where(r => r.Week >= PrivacyHost.WeekOf(s_host).AddWeeks(-1) && r.Confirmation!.ArtifactLink is not null).Select(r => r.Confirmation!.ArtifactLink!.AbsoluteUri);
        foreach (var link in hiddenLinks.Distinct())
        {
            // The same link is used every week; only the hidden weeks' entries must be gone.
            var shown = member.GetProperty("period").GetProperty("total").GetProperty("artifacts").EnumerateArray()
                .Where(a => a.GetProperty("link").GetString() == link).Select(a => a.GetProperty("start").GetDateTimeOffset());
            Assert.IsFalse(shown.Any(s => s >= PrivacyHost.WeekOf(s_host).AddWeeks(-1).Bounds(TimeZoneInfo.Utc).Start), "a hidden record's artifact is gone");
        }

        // And back: sharing the period again shows them again, each record's real state in the tab.
        var again = await own.PostAsJsonAsync("/api/me/records/sharing", new { from = PrivacyHost.WeekOf(s_host).AddWeeks(-1).ToString(), to = PrivacyHost.WeekOf(s_host).ToString(), shared = true });
        Assert.AreEqual(8, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        var rows = await own.GetFromJsonAsync<JsonElement>($"/api/me/records?week={PrivacyHost.WeekOf(s_host)}");
        Assert.IsTrue(rows.EnumerateArray().All(r => r.GetProperty("confirmation").GetProperty("sharedWithManager").GetBoolean()));
    }

    [TestMethod]
    [DataRow("{\"shared\":true}", DisplayName = "neither ids nor period")]
    [DataRow("{\"ids\":[\"2026-W01|x\"],\"from\":\"2026-W01\",\"to\":\"2026-W02\",\"shared\":true}", DisplayName = "both")]
    [DataRow("{\"ids\":[],\"shared\":true}", DisplayName = "no ids")]
    [DataRow("{\"ids\":[\"2026-W01|x\"]}", DisplayName = "no choice")]
    [DataRow("{\"from\":\"2026-W01\",\"shared\":false}", DisplayName = "half a period")]
    [DataRow("{\"from\":\"2026-W40\",\"to\":\"2026-W01\",\"shared\":false}", DisplayName = "backwards")]
    [DataRow("{\"ids\":[\"2026-W01|not-mine\"],\"shared\":true}", DisplayName = "not my record")]
    public async Task SharingChange_BadInput_Is400AndChangesNothing(string body)
    {
        var report = s_host.Report(0);
        await PrivacyHost.ReseedAsync(s_host, report);
        using var own = s_host.ClientFor(report.Id);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await own.PostAsync(new Uri("/api/me/records/sharing", UriKind.Relative), content);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, await response.Content.ReadAsStringAsync());
        var state = await own.GetFromJsonAsync<JsonElement>("/api/me/sharing");
        Assert.AreEqual(state.GetProperty("confirmed").GetInt32(), state.GetProperty("shared").GetInt32());
    }

    [TestMethod]
    public async Task SharingChange_OversizedSelection_Is400()
    {
        using var own = s_host.ClientFor(s_host.Report(0).Id);
        var ids = Enumerable.Range(0, 501).Select(i => $"{PrivacyHost.WeekOf(s_host)}|evt-{i}").ToList();
        var response = await own.PostAsJsonAsync("/api/me/records/sharing", new { ids, shared = false });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
