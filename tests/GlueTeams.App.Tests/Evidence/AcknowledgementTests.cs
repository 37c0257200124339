using GlueTeams.Core.Records;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Evidence;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Users;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Evidence;

/// <summary>
/// Manager acknowledgements: only of what the report shared, only by their manager, validated like notes, audited, and
/// read by nobody but the engineer and the acknowledging manager; the engineer can quote one in their packet.
/// </summary>
[TestClass]
public sealed class AcknowledgementTests
{
    private static TabApiHost s_host = null!;
    private static IsoWeek s_to;
    private static string s_shared = "";
    private static string s_hidden = "";
    private static string s_unconfirmed = "";
    private static string s_otherReports = "";

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        s_host = await TabApiHost.StartAsync();
        s_to = s_host.TeamWeek;
        var report = s_host.Report(0);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, report.Id, s_to.AddWeeks(-3), s_to);
        var hidden = SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, s_to, 12, "Secret career chat").Confirmed("mentoring", shared: false);
        var unconfirmed = SimulatedRecords.Meeting(TabApiHost.TenantId, report.Id, s_to, 13, "Unconfirmed talk");
        await s_host.SeedAsync(report, [.. records, hidden, unconfirmed]);
        // Report 1's own shared record, whose id exists only in their partition: another report's id is a forged one here.
        var theirs = SimulatedRecords.Meeting(TabApiHost.TenantId, s_host.Report(1).Id, s_to, 2) with { EventKey = "evt-only-report-1" };
        await s_host.SeedAsync(s_host.Report(1), [.. SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(1).Id, s_to, s_to), theirs.Confirmed("mentoring", shared: true)]);
        // Report 2 confirmed work in the period but shares none of it.
        await s_host.SeedAsync(s_host.Report(2), SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(2).Id, s_to.AddWeeks(-3), s_to)
            .Select(r => r with { Confirmation = r.Confirmation! with { SharedWithManager = false } }));
        s_shared = RecordIds.Of(records.First(r => r.Confirmation!.ArtifactLink is not null));
        s_hidden = RecordIds.Of(hidden);
        s_unconfirmed = RecordIds.Of(unconfirmed);
        s_otherReports = RecordIds.Of(theirs);
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static async Task<HttpResponseMessage> AcknowledgeAsync(string managerId, string reportId, object body)
    {
        using var client = s_host.ClientFor(managerId);
        return await client.PostAsJsonAsync($"/api/team/members/{reportId}/acknowledgements", body);
    }

    private static async Task<List<AcknowledgementView>> MineAsync(string userId)
    {
        using var client = s_host.ClientFor(userId);
        return (await client.GetFromJsonAsync<List<AcknowledgementView>>("/api/me/acknowledgements", TabApiHost.Json))!;
    }

    private static async Task<int> StoredAboutAsync(string userId) =>
        (await s_host.App.Services.GetRequiredService<AcknowledgementStore>().ListAsync(TabApiHost.TenantId, userId)).Count;

    [TestMethod]
    public async Task A_manager_acknowledges_a_shared_record_and_only_the_engineer_and_that_manager_see_it()
    {
        var report = s_host.Report(0);
        const string note = "Your onboarding guide cut ramp-up for the whole team. Thank you.";

        using var created = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { recordId = s_shared, note });

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var mine = await MineAsync(report.Id);
        var acknowledgement = mine.Single(a => a.Note == note);
        Assert.AreEqual(s_host.Manager.DisplayName, acknowledgement.ManagerName);
        StringAssert.StartsWith(acknowledgement.About, "Mentoring & coaching on ");
        Assert.IsFalse(acknowledgement.Quoted, "quoting is the engineer's choice");
        using (var manager = s_host.ClientFor(s_host.Manager.Id))
        {
            var written = await manager.GetFromJsonAsync<List<AcknowledgementView>>($"/api/team/members/{report.Id}/acknowledgements", TabApiHost.Json);
            Assert.IsTrue(written!.Any(a => a.Note == note), "the manager who wrote it sees it");
            // No team read carries it: not the summary, not the drill-down, not the CSV.
            foreach (var path in new[] { "/api/team/summary?weeks=4", $"/api/team/members/{report.Id}/summary?weeks=4", "/api/team/export?weeks=4", $"/api/team/members/{report.Id}/records?weeks=4" })
            {
                Assert.DoesNotContain(note, await manager.GetStringAsync(path), path);
            }
        }
        // Nobody else: a teammate sees only their own, a manager of someone else is refused.
        Assert.IsFalse((await MineAsync(s_host.Report(1).Id)).Any(a => a.Note == note));
        var otherManager = s_host.Org.Get(s_host.NotAReport.ManagerId!);
        using (var other = s_host.ClientFor(otherManager.Id))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/team/members/{report.Id}/acknowledgements")).StatusCode);
        }
        using (var teammate = s_host.ClientFor(s_host.Report(1).Id))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, (await teammate.GetAsync($"/api/team/members/{report.Id}/acknowledgements")).StatusCode);
        }
        // Audited like every manager action, and said in words under "Who viewed my data".
        var audit = await s_host.Audit.ListAsync(TabApiHost.TenantId, report.Id);
        Assert.IsTrue(audit.Any(e => e.ActorUserId == s_host.Manager.Id && e.Action == Acknowledgements.AuditAction));
        using var engineer = s_host.ClientFor(report.Id);
        var viewed = await engineer.GetFromJsonAsync<JsonElement>("/api/me/audit");
        Assert.IsTrue(viewed.EnumerateArray().Any(v => v.GetProperty("text").GetString()!.StartsWith(s_host.Manager.DisplayName + " acknowledged your work", StringComparison.Ordinal)), viewed.ToString());
    }

    [TestMethod]
    public async Task A_shared_period_can_be_acknowledged_and_quoted_in_the_packet()
    {
        var report = s_host.Report(0);
        const string note = "A quarter of steady mentoring that the team noticed.";
        using var created = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { from = s_to.AddWeeks(-3).ToString(), to = s_to.ToString(), note });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var id = (await MineAsync(report.Id)).Single(a => a.Note == note).Id;
        using var engineer = s_host.ClientFor(report.Id);

        Assert.AreEqual(HttpStatusCode.NoContent, (await engineer.PatchAsJsonAsync($"/api/me/acknowledgements/{id}", new { quoted = true })).StatusCode);

        using var packet = await engineer.GetAsync($"/api/me/export?from={s_to.AddWeeks(-3)}&to={s_to}&format=md");
        using var zip = new ZipArchive(await packet.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        var markdown = await reader.ReadToEndAsync();
        StringAssert.Contains(markdown, "## What my manager said");
        StringAssert.Contains(markdown, "> A quarter of steady mentoring that the team noticed\\.");
        StringAssert.Contains(markdown, "> — " + s_host.Manager.DisplayName.Replace("'", "'", StringComparison.Ordinal));
        // Someone else cannot quote (or even find) the engineer's acknowledgement; a forged id is not found.
        using var teammate = s_host.ClientFor(s_host.Report(1).Id);
        Assert.AreEqual(HttpStatusCode.NotFound, (await teammate.PatchAsJsonAsync($"/api/me/acknowledgements/{id}", new { quoted = false })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await engineer.PatchAsJsonAsync("/api/me/acknowledgements/..%2Fx", new { quoted = true })).StatusCode);
        // A malformed or oversized choice is refused and changes nothing.
        foreach (var body in new[] { "{\"quoted\": \"maybe\"}", "{\"quoted\": ", "[true]" })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            Assert.AreEqual(HttpStatusCode.BadRequest, (await engineer.PatchAsync($"/api/me/acknowledgements/{id}", content)).StatusCode, body);
        }
        using (var huge = new StringContent("{\"quoted\": false, \"pad\": \"" + new string('x', 1_000_000) + "\"}", System.Text.Encoding.UTF8, "application/json"))
        {
            Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, (await engineer.PatchAsync($"/api/me/acknowledgements/{id}", huge)).StatusCode, "the shared body limit");
        }
        Assert.AreEqual(HttpStatusCode.NotFound, (await engineer.PatchAsJsonAsync($"/api/me/acknowledgements/{id}x{new string('9', 10_000)}", new { quoted = false })).StatusCode);
        Assert.IsTrue((await MineAsync(report.Id)).Single(a => a.Id == id).Quoted, "still quoted");
    }

    [TestMethod]
    public async Task Only_what_the_report_shared_can_be_acknowledged_and_a_refusal_writes_nothing()
    {
        var report = s_host.Report(0);
        var before = await StoredAboutAsync(report.Id);
        var auditBefore = (await s_host.Audit.ListAsync(TabApiHost.TenantId, report.Id)).Count(e => e.Action == Acknowledgements.AuditAction);
        foreach (var recordId in new[] { s_hidden, s_unconfirmed, s_otherReports, "2026-W47|forged", "2026-W47|../../x", "not-an-id", "2026-W47|" + new string('x', 10_000) })
        {
            using var response = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { recordId, note = "Thanks" });
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, recordId[..Math.Min(recordId.Length, 40)]);
        }
        using (var oversized = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { recordId = new string('x', 100_000), note = "Thanks" }))
        {
            Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
            StringAssert.Contains(await oversized.Content.ReadAsStringAsync(), "The request body is larger than");
        }
        using (var nothingShared = await AcknowledgeAsync(s_host.Manager.Id, s_host.Report(2).Id, new { from = s_to.AddWeeks(-3).ToString(), to = s_to.ToString(), note = "Thanks" }))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, nothingShared.StatusCode, "a period in which the report shares nothing");
        }
        using (var notMine = await AcknowledgeAsync(s_host.Manager.Id, s_host.NotAReport.Id, new { from = s_to.ToString(), to = s_to.ToString(), note = "Thanks" }))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, notMine.StatusCode, "not a direct report");
        }
        using (var self = await AcknowledgeAsync(report.Id, report.Id, new { recordId = s_shared, note = "Well done me" }))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, self.StatusCode, "an engineer cannot acknowledge themselves");
        }
        Assert.AreEqual(before, await StoredAboutAsync(report.Id));
        Assert.AreEqual(0, await StoredAboutAsync(s_host.Report(2).Id));
        Assert.AreEqual(auditBefore, (await s_host.Audit.ListAsync(TabApiHost.TenantId, report.Id)).Count(e => e.Action == Acknowledgements.AuditAction));
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("Thanks\u202Eevil", "U+202E")]
    [DataRow("Tha\u200Bnks", "U+200B")]
    [DataRow("oversized", "the limit is 500")]
    public async Task Bad_notes_are_refused_like_record_notes_and_change_nothing(string note, string message)
    {
        var report = s_host.Report(0);
        var before = await StoredAboutAsync(report.Id);
        var text = note == "oversized" ? new string('x', 501) : note;

        using var response = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { recordId = s_shared, note = text });

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), message);
        Assert.AreEqual(before, await StoredAboutAsync(report.Id));
    }

    [TestMethod]
    public async Task Malformed_targets_are_refused()
    {
        var report = s_host.Report(0);
        foreach (var body in new object[]
        {
            new { note = "Thanks" },
            new { recordId = s_shared, from = s_to.ToString(), to = s_to.ToString(), note = "Thanks" },
            new { from = "2026-W99", to = s_to.ToString(), note = "Thanks" },
            new { from = s_to.ToString(), to = s_to.AddWeeks(-2).ToString(), note = "Thanks" },
        })
        {
            using var response = await AcknowledgeAsync(s_host.Manager.Id, report.Id, body);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, JsonSerializer.Serialize(body));
        }
        using var client = s_host.ClientFor(s_host.Manager.Id);
        using var malformed = new StringContent("{\"note\": ", System.Text.Encoding.UTF8, "application/json");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/team/members/{report.Id}/acknowledgements", malformed)).StatusCode);
    }

    [TestMethod]
    public async Task An_erased_report_cannot_be_acknowledged()
    {
        var report = s_host.Report(1);
        await s_host.App.Services.GetRequiredService<UserErasure>().EraseAsync(TabApiHost.TenantId, report.Id);

        using var response = await AcknowledgeAsync(s_host.Manager.Id, report.Id, new { from = s_to.ToString(), to = s_to.ToString(), note = "Thanks" });

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual(0, await StoredAboutAsync(report.Id));
        // The app still serves the rest of the team.
        Assert.AreEqual(HttpStatusCode.OK, (await s_host.ClientFor(s_host.Manager.Id).GetAsync("/api/team/summary?weeks=4")).StatusCode);
    }
}
