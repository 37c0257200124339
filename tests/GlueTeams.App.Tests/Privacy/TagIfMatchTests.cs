using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>"No edit is ever silently lost": a pane opened earlier cannot wipe a tag saved since.</summary>
[TestClass]
public sealed class TagIfMatchTests
{
    private static readonly IsoWeek s_week = IsoWeek.Parse("2026-W48");
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_host = await TabApiHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static SimulatedUser Engineer => s_host.Report(1);

    private static SimulatedEvent Counted(int n) => s_host.Graph.Tenant.Calendars.EventsFor(Engineer.Id, s_week)
        .Where(e => !e.IsCancelled && e.Response != "declined" && !e.IsAllDay && e.ShowAs != "free" && e.Type != "seriesMaster" && e.Sensitivity == "normal")
        .ElementAt(n);

    private static async Task<HttpResponseMessage> PutAsync(string eventId, object tag, string? ifMatch)
    {
        using var client = s_host.ClientFor(Engineer.Id);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/tags/" + Uri.EscapeDataString(eventId)) { Content = JsonContent.Create(tag) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    private static object Tag(string category, string? note = null) => new { category, impact = "one-off", note };

    [TestMethod]
    public async Task PaneOpenedEarlier_CannotWipeTheTabsEdit_AndGetsTheCurrentTagToShow()
    {
        var meeting = Counted(0);
        // Pane 1 tags the meeting (nothing was tagged: no If-Match needed) and shows its ETag.
        var first = await PutAsync(meeting.Id, Tag("mentoring", "Paired with the new hire"), null);
        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode, await first.Content.ReadAsStringAsync());
        var view = await first.Content.ReadFromJsonAsync<JsonElement>();
        var loaded = view.GetProperty("eTag").GetString()!;
        var recordId = view.GetProperty("recordId").GetString()!;
        // The tab edits the same record since (another ETag now).
        using (var tab = s_host.ClientFor(Engineer.Id))
        {
            var patch = await tab.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(recordId)}", new { note = "Wrote the onboarding guide with them", etag = loaded });
            Assert.AreEqual(HttpStatusCode.OK, patch.StatusCode, await patch.Content.ReadAsStringAsync());
        }

        var withoutIfMatch = await PutAsync(meeting.Id, Tag("onboarding"), null);
        Assert.AreEqual(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
        var stale = await PutAsync(meeting.Id, Tag("onboarding"), loaded);
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var current = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual("Wrote the onboarding guide with them", current.GetProperty("confirmation").GetProperty("note").GetString(), "the 412 carries the current tag");

        var stored = (await s_host.Activities.GetAsync(TabApiHost.TenantId, Engineer.Id, recordId))!.Record.Confirmation!;
        Assert.AreEqual("mentoring", stored.CategoryId);
        Assert.AreEqual("Wrote the onboarding guide with them", stored.OutcomeNote, "the tab's note is kept");

        // Reloaded, with the current ETag: saved.
        var fresh = await PutAsync(meeting.Id, Tag("onboarding", "Wrote the onboarding guide with them"), current.GetProperty("eTag").GetString());
        Assert.AreEqual(HttpStatusCode.OK, fresh.StatusCode, await fresh.Content.ReadAsStringAsync());
    }

    [TestMethod]
    [DataRow("*", DisplayName = "the wildcard")]
    [DataRow("abc", DisplayName = "unquoted")]
    [DataRow("\"a\", \"b\"", DisplayName = "a list")]
    [DataRow("W/\"x\u0001\"", DisplayName = "a control character")]
    public async Task MalformedIfMatch_Is400_AndChangesNothing(string ifMatch)
    {
        var meeting = Counted(1);
        var before = await s_host.Activities.ListAllAsync(TabApiHost.TenantId, Engineer.Id);

        var response = await PutAsync(meeting.Id, Tag("hiring"), ifMatch);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await s_host.Activities.ListAllAsync(TabApiHost.TenantId, Engineer.Id);
        CollectionAssert.AreEqual(before.Select(r => r.ETag.ToString()).ToList(), after.Select(r => r.ETag.ToString()).ToList());
    }

    [TestMethod]
    public async Task AfterErasure_TheAddInCreatesNothing_UntilTheUserStartsAgain()
    {
        var meeting = Counted(2);
        var erasure = s_host.App.Services.GetRequiredService<GlueTeams.App.Users.UserErasure>();
        await erasure.EraseAsync(TabApiHost.TenantId, Engineer.Id);

        var response = await PutAsync(meeting.Id, Tag("hiring"), null);

        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "You deleted your GlueTeams data");
        Assert.IsEmpty(await s_host.Activities.ListAllAsync(TabApiHost.TenantId, Engineer.Id));
        await s_host.App.Services.GetRequiredService<GlueTeams.Storage.Users.ErasureTombstones>().ClearAsync(TabApiHost.TenantId, Engineer.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await PutAsync(meeting.Id, Tag("hiring"), null)).StatusCode, "after a start, tagging works again");
    }
}
