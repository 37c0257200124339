using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GlueTeams.App.Bot;
using GlueTeams.App.Sync;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Api;

/// <summary>
/// The Outlook add-in's API against the app, Azurite and the simulated tenant, with signed tokens: a meeting is read
/// from the caller's own mailbox, tagged, and stays tagged through later syncs.
/// </summary>
[TestClass]
public sealed class TagsApiTests
{
    private static readonly IsoWeek s_week = IsoWeek.Parse("2026-W48");
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        await s_host.Users.UpsertAsync(SimulatedProfiles.For(s_host.Org, s_host.Report(0), sharingDefault: false));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static SimulatedUser Engineer => s_host.Report(0);

    private static HttpClient EngineerClient() => s_host.ClientFor(Engineer.Id);

    /// <summary>The n-th meeting of the week that GlueTeams counts (not cancelled, declined, all day, free or private).</summary>
    private static SimulatedEvent Counted(SimulatedUser user, int n) => s_host.Graph.Tenant.Calendars.EventsFor(user.Id, s_week)
        .Where(e => !e.IsCancelled && e.Response != "declined" && !e.IsAllDay && e.ShowAs != "free" && e.Type != "seriesMaster" && e.Sensitivity == "normal")
        .ElementAt(n);

    private static string Url(string eventId) => "/api/tags/" + Uri.EscapeDataString(eventId);

    private static object Tag(string category = "mentoring", string? link = "https://wiki.example.com/onboarding-guide") => new
    {
        category, impact = "multiplier", artifactLink = link, artifactTitle = link is null ? null : "Onboarding guide", note = "New hire shipped in week one", delegated = true,
    };

    private static async Task<IReadOnlyList<StoredRecord>> StoredAsync(SimulatedUser user) =>
        await s_host.Activities.ListAsync(TabApiHost.TenantId, user.Id, s_week, s_week);

    /// <summary>Every row of the user's week with its ETag: equal before and after means nothing was written.</summary>
    private static async Task<string> SnapshotAsync(SimulatedUser user) =>
        string.Join('\n', (await StoredAsync(user)).Select(r => $"{r.Id} {r.ETag}"));

    private static async Task<HttpResponseMessage> PutRawAsync(string eventId, string json)
    {
        using var client = EngineerClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PutAsync(new Uri(Url(eventId), UriKind.Relative), content);
    }

    /// <summary>A user of its own for the sync test, so that its rows do not mix with the others'.</summary>
    private static SimulatedUser Syncing => s_host.Org.Users.Last(u => u.Role == OrgRole.Engineer);

    [TestMethod]
    public async Task Get_OwnMeeting_ShowsTheEnginesSuggestionAndTheCategories()
    {
        var meeting = Counted(Engineer, 0);
        using var client = EngineerClient();

        var view = await client.GetFromJsonAsync<JsonElement>(Url(meeting.Id));

        Assert.AreEqual(meeting.Id, view.GetProperty("eventId").GetString());
        Assert.AreEqual(meeting.Subject, view.GetProperty("title").GetString());
        Assert.AreEqual(s_week.ToString(), view.GetProperty("week").GetString());
        StringAssert.StartsWith(view.GetProperty("recordId").GetString(), s_week + "|");
        Assert.IsFalse(string.IsNullOrEmpty(view.GetProperty("suggestion").GetProperty("categoryId").GetString()));
        Assert.AreEqual(JsonValueKind.Null, view.GetProperty("confirmation").ValueKind);
        var categories = view.GetProperty("categories").EnumerateArray().ToList();
        Assert.AreEqual("Glue: Mentoring", categories.Single(c => c.GetProperty("id").GetString() == "mentoring").GetProperty("outlookCategory").GetString());
        Assert.AreEqual(JsonValueKind.Null, categories.Single(c => c.GetProperty("id").GetString() == "not-glue").GetProperty("outlookCategory").ValueKind);
    }

    [TestMethod]
    public async Task Put_OwnMeeting_StoresItConfirmedFromTheAddIn()
    {
        var meeting = Counted(Engineer, 1);
        using var client = EngineerClient();

        var response = await client.PutAsJsonAsync(Url(meeting.Id), Tag());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual("multiplier", view.GetProperty("confirmation").GetProperty("impact").GetString());
        var stored = await s_host.Activities.GetAsync(TabApiHost.TenantId, Engineer.Id, view.GetProperty("recordId").GetString()!);
        Assert.IsNotNull(stored);
        Assert.AreEqual(ActivityStatus.Confirmed, stored.Record.Status);
        Assert.AreEqual(ActivitySource.OutlookTag, stored.Record.Source);
        Assert.AreEqual(meeting.ICalUId, stored.Record.EventKey);
        Assert.AreEqual(new Confirmation("mentoring", Impact.Multiplier, new Uri("https://wiki.example.com/onboarding-guide"), "Onboarding guide",
            "New hire shipped in week one", true, false, stored.Record.Confirmation!.ConfirmedAt), stored.Record.Confirmation);

        var again = await client.GetFromJsonAsync<JsonElement>(Url(meeting.Id));
        Assert.AreEqual("mentoring", again.GetProperty("confirmation").GetProperty("categoryId").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(again.GetProperty("eTag").GetString()));
    }

    [TestMethod]
    public async Task Tag_FlowsThroughLaterSyncs_AndTheWeeklyCard_EvenWhenOutlookSetsItsCategory()
    {
        var meeting = Counted(Syncing, 0);
        await s_host.Users.UpsertAsync(SimulatedProfiles.For(s_host.Org, Syncing));
        using var client = s_host.ClientFor(Syncing.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await client.PutAsJsonAsync(Url(meeting.Id), Tag("onboarding"))).StatusCode);
        var sync = s_host.App.Services.GetRequiredService<WeekSync>();
        var profile = (await s_host.Users.GetAsync(TabApiHost.TenantId, Syncing.Id))!;

        Assert.IsTrue((await sync.SyncAsync([profile], s_week)).Single().Succeeded);
        // Outlook now carries the category the add-in set; the next sync reads it as a tag, and must keep the add-in's richer one.
        s_host.Graph.Tenant.Calendars.SetCategories(Syncing.Id, meeting.Id, ["Glue: Onboarding"]);
        Assert.IsTrue((await sync.SyncAsync([profile], s_week)).Single().Succeeded);

        var record = (await StoredAsync(Syncing)).Single(r => r.Record.EventKey == meeting.ICalUId).Record;
        Assert.AreEqual(ActivityStatus.Confirmed, record.Status);
        Assert.AreEqual(ActivitySource.OutlookTag, record.Source);
        Assert.AreEqual("onboarding", record.Confirmation!.CategoryId);
        Assert.AreEqual(Impact.Multiplier, record.Confirmation.Impact);
        Assert.AreEqual("New hire shipped in week one", record.Confirmation.OutcomeNote);
        var cards = s_host.App.Services.GetRequiredService<WeekCards>();
        var row = (await cards.RowsAsync(profile, s_week, CancellationToken.None)).Single(r => r.Occurrences.Any(o => o.Record.EventKey == meeting.ICalUId));
        Assert.IsTrue(row.IsConfirmed);
        Assert.AreEqual("onboarding", row.CategoryId);
        Assert.AreEqual(Impact.Multiplier, row.Impact);
    }

    [TestMethod]
    public async Task Put_SomeoneElsesMeeting_IsNotFound_AndWritesNothing()
    {
        var theirs = Counted(s_host.Report(1), 0);
        var before = await SnapshotAsync(Engineer);
        using var client = EngineerClient();

        var response = await client.PutAsJsonAsync(Url(theirs.Id), Tag());

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        StringAssert.Contains((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), "save it first");
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
        Assert.IsEmpty(await StoredAsync(s_host.Report(1)));
    }

    [TestMethod]
    public async Task Put_FromAnotherTenant_IsForbidden_AndWritesNothing()
    {
        const string otherTenant = "11111111-2222-3333-4444-555555555555";
        var meeting = Counted(Engineer, 3);
        var before = await SnapshotAsync(Engineer);
        using var client = s_host.ClientFor(Engineer.Id, otherTenant);

        var response = await client.PutAsJsonAsync(Url(meeting.Id), Tag());

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.IsEmpty(await s_host.Activities.ListAsync(otherTenant, Engineer.Id, s_week, s_week));
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    [DataRow("none")]
    [DataRow("wrong-audience")]
    [DataRow("unknown-key")]
    [DataRow("expired")]
    public async Task Put_WithAForgedOrMissingToken_Is401_AndWritesNothing(string flaw)
    {
        var meeting = Counted(Engineer, 4);
        var before = await SnapshotAsync(Engineer);
        var now = DateTimeOffset.UtcNow;
        using var client = s_host.ClientWith(flaw == "none" ? null : s_host.Token(Engineer.Id, change: r => flaw switch
        {
            "wrong-audience" => r with { Audience = "api://someone-else" },
            "unknown-key" => r with { SignWithUnknownKey = true },
            _ => r with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-10) },
        }));

        var response = await client.PutAsJsonAsync(Url(meeting.Id), Tag());

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    public async Task Put_CancelledMeeting_Is422WithAReason()
    {
        var meeting = Counted(Engineer, 5);
        var before = await SnapshotAsync(Engineer);
        s_host.Graph.Tenant.Calendars.Cancel(Engineer.Id, meeting.Id);
        using var client = EngineerClient();

        var response = await client.PutAsJsonAsync(Url(meeting.Id), Tag());

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        StringAssert.Contains((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), "cancelled");
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    [DataRow("{\"category\":\"mentoring\",\"artifactLink\":\"javascript:alert(1)\"}", "artifactLink")]
    [DataRow("{\"category\":\"mentoring\",\"artifactLink\":\"http://wiki.example.com/x\"}", "artifactLink")]
    [DataRow("{\"category\":\"gardening\"}", "category")]
    [DataRow("{\"impact\":\"multiplier\"}", "category")]
    [DataRow("{\"category\":\"mentoring\",\"impact\":\"huge\"}", "impact")]
    [DataRow("{\"category\":\"mentoring\",\"artifactTitle\":\"A doc\"}", "artifactLink")]
    public async Task Put_InvalidFields_Get400NamingTheField_AndWriteNothing(string body, string field)
    {
        var meeting = Counted(Engineer, 6);
        var before = await SnapshotAsync(Engineer);

        var response = await PutRawAsync(meeting.Id, body);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    [DataRow("{\"category\":")]
    [DataRow("[1,2,3]")]
    [DataRow("{\"category\":\"mentoring\",\"delegated\":\"perhaps\"}")]
    public async Task Put_MalformedJson_Gets400_AndWritesNothing(string body)
    {
        var meeting = Counted(Engineer, 7);
        var before = await SnapshotAsync(Engineer);

        var response = await PutRawAsync(meeting.Id, body);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    public async Task Put_OversizedBody_Gets413_AndWritesNothing()
    {
        var meeting = Counted(Engineer, 7);
        var before = await SnapshotAsync(Engineer);

        var response = await PutRawAsync(meeting.Id, JsonSerializer.Serialize(new { category = "mentoring", note = new string('x', 40_000) }));

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.AreEqual(before, await SnapshotAsync(Engineer));
    }

    [TestMethod]
    [DataRow("AAMkAG/../../users/someone-else")]
    [DataRow("id with spaces")]
    [DataRow("AAMkAG%00null")]
    public async Task MalformedEventIds_Get400BeforeGraphIsAsked(string eventId)
    {
        using var client = EngineerClient();
        var before = s_host.Graph.Tenant.Counters.Total;

        var get = await client.GetAsync(new Uri(Url(eventId), UriKind.Relative));
        var put = await client.PutAsJsonAsync(Url(eventId), Tag());

        Assert.AreEqual(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.AreEqual(before, s_host.Graph.Tenant.Counters.Total);
    }

    [TestMethod]
    public async Task AnOverlongEventId_Gets400()
    {
        using var client = EngineerClient();
        var response = await client.GetAsync(new Uri(Url(new string('A', 513)), UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task UnknownButWellFormedEventId_IsNotFound()
    {
        using var client = EngineerClient();
        var response = await client.GetAsync(new Uri(Url("AAMkAGnotsavedyet="), UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task A_user_who_never_installed_the_bot_can_tag_in_their_own_time_zone()
    {
        var newcomer = s_host.Org.Users.First(u => u.Role == OrgRole.Engineer && u.Id != Syncing.Id && u.ManagerId != s_host.Manager.Id);
        Assert.IsNull(await s_host.Users.GetAsync(TabApiHost.TenantId, newcomer.Id));
        var meeting = Counted(newcomer, 0);
        using var client = s_host.ClientFor(newcomer.Id);

        var response = await client.PutAsJsonAsync(Url(meeting.Id), Tag("hiring", link: null));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(newcomer.TimeZone);
        var record = (await StoredAsync(newcomer)).Single().Record;
        Assert.AreEqual(IsoWeek.Containing(meeting.Start, zone), record.Week);
        Assert.AreEqual("hiring", record.Confirmation!.CategoryId);
    }
}
