using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;
using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>
/// The Outlook task pane as built into wwwroot, served by the app on Kestrel and opened in Debian's Chromium at
/// Outlook's pane width. office.js is Microsoft's CDN URL, answered here with the office-addin-mock stand-in that
/// ./glue bundles (tests/addin-mock); each test sets the mock's scenario and reads back what the pane did to it. The
/// API is the real one: signed tokens, events of the simulated tenant, records read back from Azurite.
/// </summary>
[TestClass]
public sealed class TaskPaneTests
{
    private const string OfficeJs = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
    private const string TagsApi = "**/api/tags/**";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static PagesHost s_pages = null!;
    private static TabApiHost s_host = null!;
    private static string s_officeMock = null!;
    private static Queue<SimulatedEvent> s_events = null!;

    /// <summary>What the mock office.js plays (tests/addin-mock/office-mock.js documents each field).</summary>
    private sealed record Scenario(
        string Mode, string? ItemId = null, string? Token = null, int? TokenError = null, bool? NeverSaved = null, string? SavedId = null,
        string? Mailbox = null, OutlookCategory[]? Categories = null, OutlookCategory[]? MasterCategories = null, string? CategoryError = null,
        Naa? Naa = null, Dialog? Dialog = null, OfficeTheme? OfficeTheme = null);

    /// <summary>Outlook offers nested app authentication: what its bridge answers a silent and a popup token request.</summary>
    private sealed record Naa(string? Token = null, string? SilentError = null, string? PopupToken = null, string? PopupError = null);

    /// <summary>What the sign-in dialog on /auth/dialog answers, or that the person closes it.</summary>
    private sealed record Dialog(string? Token = null, string? Error = null, bool? Close = null);

    private sealed record OfficeTheme(string BodyBackgroundColor, string BodyForegroundColor);

    private sealed record OutlookCategory(string DisplayName, string Color);

    private sealed record OfficeCall(string Name, JsonElement[] Args);

    /// <summary>What the pane left in the mock: every Office call, the item's categories and the master list.</summary>
    private sealed record OfficeState(OfficeCall[] Calls, OutlookCategory[] ItemCategories, OutlookCategory[] MasterCategories);

    private sealed record TagCategory(string Id, string Name, string? OutlookCategory);

    private sealed record TagSuggestion(string CategoryId, string Reason);

    private sealed record TagView(string Title, TagSuggestion? Suggestion, TagCategory[] Categories);

    private static SimulatedUser Engineer => s_host.Report(0);

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        var mock = Path.Combine(".artifacts", "office-mock.js");
        s_pages = await PagesHost.StartAsync(Path.Combine("src", "GlueTeams.App", "wwwroot", "taskpane.html"), mock);
        s_host = s_pages.Api;
        s_officeMock = await File.ReadAllTextAsync(Path.Combine(Azurite.RepositoryRoot(), mock));
        await s_host.SeedAsync(Engineer, [], sharingDefault: false);
        s_events = new Queue<SimulatedEvent>(CountingEvents(Engineer));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_pages.DisposeAsync();

    /// <summary>Meetings of the last three weeks that the API counts (not cancelled, declined, all-day, free or a series master).</summary>
    private static IEnumerable<SimulatedEvent> CountingEvents(SimulatedUser user) =>
        new[] { TabApiHost.CurrentWeek.AddWeeks(-2), TabApiHost.CurrentWeek.Previous, TabApiHost.CurrentWeek }
            .SelectMany(week => s_host.Graph.Tenant.Calendars.EventsFor(user.Id, week))
            .Where(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Type != "seriesMaster" && e.Sensitivity == "normal");

    /// <summary>A meeting no other test has touched, and its id as Outlook's item.itemId gives it (EWS: '/' and '+' where REST has '-' and '_').</summary>
    private static (SimulatedEvent Event, string EwsId) NextEvent()
    {
        var e = s_events.Dequeue();
        return (e, e.Id.Replace('-', '/').Replace('_', '+'));
    }

    private static string Token() => s_host.Token(Engineer.Id);

    private static async Task<IPage> OpenAsync(Scenario scenario)
    {
        var page = await s_pages.NewPageAsync(320);
        await page.RouteAsync(OfficeJs, route => route.FulfillAsync(new RouteFulfillOptions { Body = s_officeMock, ContentType = "text/javascript" }));
        await page.AddInitScriptAsync($"window.__officeMock = {JsonSerializer.Serialize(scenario, s_json)};");
        await page.GotoAsync(new Uri(s_pages.BaseUrl, "/addin/taskpane").ToString());
        return page;
    }

    private static async Task<OfficeState> OfficeStateAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.__officeState")).Deserialize<OfficeState>(s_json)!;

    /// <summary>The meeting as the API describes it to this user, to check the pane against.</summary>
    private static async Task<TagView> ApiViewAsync(SimulatedEvent e)
    {
        using var client = s_host.ClientFor(Engineer.Id);
        return (await client.GetFromJsonAsync<TagView>($"/api/tags/{Uri.EscapeDataString(e.Id)}", s_json))!;
    }

    private static async Task<ActivityRecord?> StoredAsync(SimulatedEvent e)
    {
        var week = IsoWeek.Containing(e.Start, TimeZoneInfo.Utc);
        var records = await s_host.Activities.ListAsync(TabApiHost.TenantId, Engineer.Id, week.Previous, week.Next);
        return records.Select(r => r.Record).SingleOrDefault(r => r.CalendarEventId == e.Id || r.EventKey == e.ICalUId);
    }

    /// <summary>PUTs the pane sent, and every tags request, counted as the browser sends them.</summary>
    private static List<IRequest> TagRequests(IPage page)
    {
        var requests = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/tags/", StringComparison.Ordinal))
            {
                requests.Add(request);
            }
        };
        return requests;
    }

    private static ILocator Status(IPage page, string text) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    private static ILocator Alert(IPage page, string text) => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text });

    /// <summary>
    /// Saves what the pane looks like, having checked that it fits Outlook's pane (nothing wider than the viewport) and
    /// that axe finds nothing serious in this state (Fluent's aria-hidden focus sentinels are never a stop, so left out).
    /// </summary>
    private static async Task CheckAndScreenshotAsync(IPage page, string name)
    {
        var clipped = await PagesHost.ClippedAsync(page);
        Assert.AreEqual(0, clipped.Length, "clipped at 320 px beside a scrollbar:\n" + string.Join("\n", clipped));
        var serious = await PagesHost.SeriousAxeViolationsAsync(page);
        Assert.AreEqual(0, serious.Length, string.Join("\n", serious));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, $"taskpane-{name}.png"), FullPage = true });
    }

    [TestMethod]
    public async Task ReadMode_ConvertsTheItemId_AndShowsTheMeetingWithItsSuggestion()
    {
        var (e, ewsId) = NextEvent();
        var expected = await ApiViewAsync(e);
        var page = await OpenAsync(new Scenario("read", ewsId, Token()));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = expected.Title })).ToBeVisibleAsync();
        if (expected.Suggestion is { } suggestion)
        {
            await Assertions.Expect(page.GetByText("Suggestion", new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText(suggestion.Reason, new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Category")).ToHaveValueAsync(suggestion.CategoryId);
        }
        var state = await OfficeStateAsync(page);
        var convert = state.Calls.Single(c => c.Name == "mailbox.convertToRestId");
        Assert.AreEqual(ewsId, convert.Args[0].GetString());
        Assert.AreEqual("v2.0", convert.Args[1].GetString());
        var tokenOptions = state.Calls.First(c => c.Name == "auth.getAccessToken").Args[0];
        Assert.IsTrue(tokenOptions.GetProperty("allowSignInPrompt").GetBoolean() && tokenOptions.GetProperty("allowConsentPrompt").GetBoolean());
        await CheckAndScreenshotAsync(page, "read");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task ComposeMode_TakesTheIdFromGetItemIdAsync_WithoutSavingTheMeeting()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("compose", ewsId, Token(), MasterCategories: []));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        await page.GetByLabel("Category").SelectOptionAsync("code-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        var calls = (await OfficeStateAsync(page)).Calls.Select(c => c.Name).ToList();
        CollectionAssert.Contains(calls, "item.getItemIdAsync");
        CollectionAssert.DoesNotContain(calls, "item.saveAsync");
        Assert.AreEqual("code-review", (await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task NewMeeting_SaysItMustBeSavedFirst_ThenSavesAndLoads()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("compose", ewsId, Token(), NeverSaved: true));
        var requests = TagRequests(page);
        await Assertions.Expect(Status(page, "has not been saved yet")).ToBeVisibleAsync();
        Assert.AreEqual(0, requests.Count, "nothing is asked of the API for a meeting Exchange does not know");
        await CheckAndScreenshotAsync(page, "unsaved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save meeting" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        var calls = (await OfficeStateAsync(page)).Calls.Select(c => c.Name).ToList();
        Assert.AreEqual(1, calls.Count(c => c == "item.saveAsync"));
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task WithoutMailbox18_SavesTheTag_SaysSoBesideTheSuccess_AndMakesNoCategoryCall()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token(), Mailbox: "1.5"));
        await page.GetByLabel("Category").SelectOptionAsync("mentoring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        await Assertions.Expect(Status(page, "lacks Mailbox 1.8")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var state = await OfficeStateAsync(page);
        Assert.IsFalse(state.Calls.Any(c => c.Name.Contains("ategories", StringComparison.Ordinal)), string.Join(", ", state.Calls.Select(c => c.Name)));
        Assert.AreEqual("mentoring", (await StoredAsync(e))?.ConfirmedCategoryId);
        await CheckAndScreenshotAsync(page, "no-mailbox-1.8");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task ComposeModeWithoutMailbox18_AsksToSaveTheMeetingToKnowIt_ThenTagsIt()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("compose", ewsId, Token(), Mailbox: "1.5"));
        await Assertions.Expect(Status(page, "only once it is saved")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save meeting" }).ClickAsync();
        await page.GetByLabel("Category").SelectOptionAsync("hiring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "lacks Mailbox 1.8")).ToBeVisibleAsync();
        var calls = (await OfficeStateAsync(page)).Calls.Select(c => c.Name).ToList();
        Assert.AreEqual(1, calls.Count(c => c == "item.saveAsync"));
        Assert.AreEqual("hiring", (await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task CategoryRefusedByOutlook_IsAWarning_AndTheTagStaysSaved()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("compose", ewsId, Token(), MasterCategories: [], CategoryError: "PermissionDenied"));
        await page.GetByLabel("Category").SelectOptionAsync("design-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "Outlook did not take the category")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.AreEqual("design-review", (await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task ConcurrentWrite_SaysItChangedElsewhere_AndRetrySaves()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token(), MasterCategories: []));
        await page.GetByLabel("Category").SelectOptionAsync("process");
        // The API answers 409 only when two writes race; the first PUT gets that answer here, the retry goes through.
        await page.RouteAsync(TagsApi, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 409, ContentType = "application/problem+json", Body = """{"title":"Changed elsewhere","status":409}""",
        }), new PageRouteOptions { Times = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Alert(page, "changed elsewhere")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        Assert.AreEqual("process", (await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task TagEditedInTheTabSinceThePaneOpened_IsNotWiped_ThePaneShowsItAndReloads()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token(), MasterCategories: []));
        await page.GetByLabel("Category").SelectOptionAsync("mentoring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        // Meanwhile, in the tab: a note on the same record.
        using (var tab = s_host.ClientFor(Engineer.Id))
        {
            var view = await tab.GetFromJsonAsync<JsonElement>($"/api/tags/{Uri.EscapeDataString(e.Id)}");
            var patch = await tab.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(view.GetProperty("recordId").GetString()!)}",
                new { note = "Written up in the tab", etag = view.GetProperty("eTag").GetString() });
            Assert.AreEqual(HttpStatusCode.OK, patch.StatusCode, await patch.Content.ReadAsStringAsync());
        }
        var requests = TagRequests(page);

        await page.GetByLabel("Category").SelectOptionAsync("hiring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Assertions.Expect(Status(page, "changed elsewhere since you opened it")).ToBeVisibleAsync();
        Assert.IsNotNull(await requests.Single(r => r.Method == "PUT").HeaderValueAsync("if-match"), "the pane sends the ETag it loaded");
        var stored = (await StoredAsync(e))!;
        Assert.AreEqual("mentoring", stored.ConfirmedCategoryId);
        Assert.AreEqual("Written up in the tab", stored.Confirmation!.OutcomeNote, "the tab's note is not wiped");
        await CheckAndScreenshotAsync(page, "changed-elsewhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Outcome")).ToHaveValueAsync("Written up in the tab");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task PlainBrowserInDevelopment_TagsTheEventNamedInTheAddress_WithADevToken()
    {
        var (e, _) = NextEvent();
        var page = await s_pages.NewPageAsync(320);
        await page.RouteAsync(OfficeJs, route => route.AbortAsync()); // no Outlook, and no network to Microsoft's CDN
        await page.GotoAsync(new Uri(s_pages.BaseUrl, $"/addin/taskpane?tid={TabApiHost.TenantId}&oid={Engineer.Id}&event={Uri.EscapeDataString(e.Id)}").ToString());
        await page.GetByLabel("Category").SelectOptionAsync("community");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        Assert.AreEqual("community", (await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task ApiDown_SaysSo_KeepsWhatWasTyped_AndRetrySaves()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token(), MasterCategories: []));
        await page.GetByLabel("Category").SelectOptionAsync("incident");
        await page.GetByLabel("Artifact link").FillAsync("https://wiki.contoso.com/postmortems/42");
        await page.GetByLabel("Artifact title").FillAsync("Postmortem 42");
        await page.GetByLabel("Outcome").FillAsync("The pager alert now fires before customers notice.");
        await page.RouteAsync(TagsApi, route => route.AbortAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Alert(page, "cannot be reached")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Category")).ToHaveValueAsync("incident");
        await Assertions.Expect(page.GetByLabel("Artifact link")).ToHaveValueAsync("https://wiki.contoso.com/postmortems/42");
        await Assertions.Expect(page.GetByLabel("Outcome")).ToHaveValueAsync("The pager alert now fires before customers notice.");
        Assert.IsNull((await StoredAsync(e))?.ConfirmedCategoryId);
        await CheckAndScreenshotAsync(page, "api-down");
        await page.UnrouteAsync(TagsApi);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(Status(page, "Saved in Glueprint.")).ToBeVisibleAsync();
        var stored = (await StoredAsync(e))?.Confirmation;
        Assert.AreEqual("incident", stored?.CategoryId);
        Assert.AreEqual("Postmortem 42", stored?.ArtifactTitle);
        Assert.AreEqual("The pager alert now fires before customers notice.", stored?.OutcomeNote);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    [DataRow(13001, "not signed in to Office")]
    [DataRow(13002, "consent was cancelled")]
    [DataRow(13006, "restart Outlook")]
    [DataRow(13999, "error 13999")]
    public async Task SignInRefusedByOffice_SaysWhatToDo_AndRetryLoads(int code, string message)
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token(), TokenError: code));
        var requests = TagRequests(page);
        await Assertions.Expect(Alert(page, message)).ToBeVisibleAsync();
        Assert.AreEqual(0, requests.Count, "no request goes out without a token");
        await page.EvaluateAsync("() => { delete window.__officeMock.tokenError; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static string[] Calls(OfficeState state) => [.. state.Calls.Select(c => c.Name)];

    private static async Task<IPage> OpenAndLoadAsync(Scenario scenario, SimulatedEvent e)
    {
        var page = await OpenAsync(scenario);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        return page;
    }

    [TestMethod]
    public async Task NestedAppAuth_IsTheFirstWayIn_SilentlyWithTheApiScope_AndOfficeSsoIsNotAsked()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAndLoadAsync(new Scenario("read", ewsId, TokenError: 13001, Naa: new(Token: Token())), e);

        var state = await OfficeStateAsync(page);
        var silent = state.Calls.First(c => c.Name == "naa.GetToken");
        Assert.AreEqual($"{TabApiHost.Audience}/access_as_user", silent.Args[0].GetString()?.Split(' ').Single(s => s.StartsWith("api://", StringComparison.Ordinal)));
        CollectionAssert.DoesNotContain(Calls(state), "auth.getAccessToken");
        CollectionAssert.DoesNotContain(Calls(state), "naa.GetTokenPopup");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task NestedAppAuth_NeedingTheUser_OpensItsPopup_AndACancelSaysWhatToDo()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAndLoadAsync(new Scenario("read", ewsId, Naa: new(SilentError: "USER_INTERACTION_REQUIRED", PopupToken: Token())), e);
        CollectionAssert.Contains(Calls(await OfficeStateAsync(page)), "naa.GetTokenPopup");
        await page.Context.CloseAsync();

        var (_, other) = NextEvent();
        var cancelled = await OpenAsync(new Scenario("read", other, Naa: new(SilentError: "USER_INTERACTION_REQUIRED", PopupError: "USER_CANCEL")));
        await Assertions.Expect(Alert(cancelled, "Sign-in or consent was not completed")).ToBeVisibleAsync();
        await Assertions.Expect(cancelled.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        await cancelled.Context.CloseAsync();
    }

    [TestMethod]
    public async Task NestedAppAuth_FailingForItsOwnReasons_FallsBackToOfficeSso()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAndLoadAsync(new Scenario("read", ewsId, Token(), Naa: new(SilentError: "TRANSIENT_ERROR")), e);

        var calls = Calls(await OfficeStateAsync(page));
        Assert.IsLessThan(Array.IndexOf(calls, "auth.getAccessToken"), Array.IndexOf(calls, "naa.GetToken"), string.Join(", ", calls));
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task WithoutNestedAppAuthOrOfficeSso_TheSignInDialogBringsTheToken_AndClosingItSaysSo()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAndLoadAsync(new Scenario("read", ewsId, TokenError: 13012, Dialog: new(Token: Token())), e);
        var state = await OfficeStateAsync(page);
        StringAssert.EndsWith(state.Calls.First(c => c.Name == "ui.displayDialogAsync").Args[0].GetString(), "/auth/dialog");
        CollectionAssert.Contains(Calls(state), "dialog.close");
        await page.Context.CloseAsync();

        var (_, other) = NextEvent();
        var closed = await OpenAsync(new Scenario("read", other, TokenError: 13012, Dialog: new(Close: true)));
        await Assertions.Expect(Alert(closed, "sign-in window was closed")).ToBeVisibleAsync();
        await closed.Context.CloseAsync();
    }

    [TestMethod]
    public async Task SignInPages_AreServed_AndTheConfigNamesTheClientAndTheApiScope()
    {
        using var client = new HttpClient { BaseAddress = s_pages.BaseUrl };
        var config = await client.GetFromJsonAsync<JsonElement>("/auth/config");
        Assert.AreEqual(PagesHost.ClientId, config.GetProperty("clientId").GetString());
        Assert.AreEqual($"{TabApiHost.Audience}/access_as_user", config.GetProperty("scope").GetString());
        foreach (var path in new[] { "/auth/start", "/auth/end", "/auth/dialog" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "Signing you in to Glueprint", path);
        }
    }

    [TestMethod]
    [DataRow("#1f1f1f", "#ffffff", true)]
    [DataRow("#ffffff", "#242424", false)]
    public async Task ThePane_FollowsOfficesTheme(string background, string foreground, bool dark)
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAndLoadAsync(new Scenario("read", ewsId, Token(), OfficeTheme: new(background, foreground)), e);

        var lightness = await page.EvaluateAsync<double>("""
            () => {
              const [r, g, b] = getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor.match(/\d+/g).map(Number);
              return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
            }
            """);
        Assert.AreEqual(dark, lightness < 0.5, $"background lightness {lightness}");
        await CheckAndScreenshotAsync(page, dark ? "office-dark" : "office-light");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task WithoutAdminConsent_ThePaneSaysSo_WithTheAdminConsentLink_AndServesOnceGranted()
    {
        var (e, ewsId) = NextEvent();
        s_host.Graph.Tenant.Faults.DenyConsent(Engineer.Id);
        IPage page;
        try
        {
            page = await OpenAsync(new Scenario("read", ewsId, Token()));
            await Assertions.Expect(Alert(page, "Your admin hasn't granted Glueprint access to calendars yet")).ToBeVisibleAsync();
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Admin consent page" });
            await Assertions.Expect(link).ToHaveAttributeAsync("href", $"https://login.microsoftonline.com/{TabApiHost.TenantId}/adminconsent?client_id={PagesHost.ClientId}");
            await CheckAndScreenshotAsync(page, "admin-consent");
        }
        finally
        {
            s_host.Graph.Tenant.Faults.GrantConsent(Engineer.Id);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task TokenRefusedByTheApi_SaysSo_AndRetryWithAGoodTokenLoads()
    {
        var (e, ewsId) = NextEvent();
        var expired = s_host.Token(Engineer.Id, change: r => r with { NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddHours(-1) });
        var page = await OpenAsync(new Scenario("read", ewsId, expired));
        await Assertions.Expect(Alert(page, "did not accept your sign-in")).ToBeVisibleAsync();
        await page.EvaluateAsync("token => { window.__officeMock.token = token; }", Token());
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = (await ApiViewAsync(e)).Title })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [TestMethod]
    [DataRow("wiki.contoso.com/onboarding")]
    [DataRow("http://wiki.contoso.com/onboarding")]
    [DataRow("javascript:alert(1)")]
    public async Task InvalidLink_ShowsAnInlineErrorOnTheFocusedField_AndSendsNothing(string link)
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token()));
        await page.GetByLabel("Category").SelectOptionAsync("onboarding");
        var requests = TagRequests(page);
        var field = page.GetByLabel("Artifact link");
        await field.FillAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter a full link that starts with https://")).ToBeVisibleAsync();
        await Assertions.Expect(field).ToBeFocusedAsync();
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(field).ToHaveValueAsync(link);
        Assert.AreEqual(0, requests.Count, string.Join(", ", requests.Select(r => $"{r.Method} {r.Url}")));
        Assert.IsNull((await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task FieldErrorsFromTheApi_ShowInline_WithFocusOnTheFirst()
    {
        var (e, ewsId) = NextEvent();
        var page = await OpenAsync(new Scenario("read", ewsId, Token()));
        await page.GetByLabel("Category").SelectOptionAsync("knowledge-sharing");
        await page.GetByLabel("Artifact title").FillAsync("Brown bag slides"); // a title without its link: the API refuses it
        var put = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.Contains("/api/tags/", StringComparison.Ordinal));
        Assert.AreEqual(400, put.Status);
        await Assertions.Expect(Alert(page, "see the fields marked above")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("An artifact title needs a link to the artifact.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Artifact link")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Artifact title")).ToHaveValueAsync("Brown bag slides");
        Assert.IsNull((await StoredAsync(e))?.ConfirmedCategoryId);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task MeetingOfSomeoneElse_IsNotFound_AndNoFormIsShown()
    {
        var other = CountingEvents(s_host.NotAReport).First();
        var page = await OpenAsync(new Scenario("read", other.Id.Replace('-', '/'), Token()));
        await Assertions.Expect(Alert(page, "not in your calendar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task Save_SendsTheTokenStoresTheTypedValues_AndSetsTheOutlookCategory()
    {
        var (e, ewsId) = NextEvent();
        var token = Token();
        var mentoring = (await ApiViewAsync(e)).Categories.Single(c => c.Id == "mentoring").OutlookCategory!;
        var stale = (await ApiViewAsync(e)).Categories.Single(c => c.Id == "onboarding").OutlookCategory!;
        var page = await OpenAsync(new Scenario("read", ewsId, token,
            Categories: [new("Customer", "Preset2"), new(stale, "Preset4")],
            MasterCategories: [new("Customer", "Preset2"), new(stale, "Preset4")]));
        await page.GetByLabel("Category").SelectOptionAsync("mentoring");
        await page.GetByLabel("Multiplier: it built something reusable").CheckAsync();
        await page.GetByLabel("Artifact link").FillAsync("https://wiki.contoso.com/mentoring-guide");
        await page.GetByLabel("Artifact title").FillAsync("Mentoring guide");
        await page.GetByLabel("Outcome").FillAsync("Two new engineers now review pull requests on their own.");
        await page.GetByLabel("Delegated: someone else's work handed to me").CheckAsync();
        await page.GetByLabel("Share with my manager").CheckAsync();
        var put = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync(),
            r => r.Method == "PUT" && r.Url.Contains("/api/tags/", StringComparison.Ordinal));
        await Assertions.Expect(Status(page, $"Outlook shows the meeting as “{mentoring}”")).ToBeVisibleAsync();

        Assert.AreEqual($"Bearer {token}", await put.HeaderValueAsync("authorization"));
        StringAssert.EndsWith(put.Url, $"/api/tags/{Uri.EscapeDataString(e.Id)}");
        var state = await OfficeStateAsync(page);
        CollectionAssert.AreEqual(new[] { "Customer", mentoring }, state.ItemCategories.Select(c => c.DisplayName).ToArray());
        var added = state.MasterCategories.Single(c => c.DisplayName == mentoring);
        StringAssert.StartsWith(added.Color, "Preset");

        var stored = await StoredAsync(e);
        Assert.AreEqual(ActivityStatus.Confirmed, stored?.Status);
        Assert.AreEqual(new Confirmation("mentoring", Impact.Multiplier, new Uri("https://wiki.contoso.com/mentoring-guide"), "Mentoring guide",
            "Two new engineers now review pull requests on their own.", Delegated: true, SharedWithManager: true, stored!.Confirmation!.ConfirmedAt), stored.Confirmation);
        await CheckAndScreenshotAsync(page, "saved");
        await page.Context.CloseAsync();
    }
}
