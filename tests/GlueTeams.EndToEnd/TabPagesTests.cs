using System.Net;
using System.Text.Json;
using GlueTeams.Testing;
using Microsoft.Playwright;
using GlueTeams.Core.Users;

namespace GlueTeams.EndToEnd;

/// <summary>
/// The built tab pages, served by the app on Kestrel (loopback, free port), in Debian's Chromium, signed in as simulated
/// users through the Development token endpoint. Screenshots go to .artifacts/e2e/.
/// </summary>
[TestClass]
public sealed class TabPagesTests
{
    private static PagesHost s_pages = null!;
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_pages = await PagesHost.StartAsync(Path.Combine("src", "GlueTeams.App", "wwwroot", "index.html"));
        s_host = s_pages.Api;
        // Three reports share (team signals need three), and the first carries most of the team's glue work; the fourth
        // installed GlueTeams and shares nothing; the others never installed it. Each one's weeks end with their own week.
        foreach (var (index, glue) in new[] { (0, 5), (1, 1), (2, 1) })
        {
            var report = s_host.Report(index);
            var to = TabApiHost.WeekOf(report);
            await s_host.SeedAsync(report, SimulatedRecords.Weeks(TabApiHost.TenantId, report.Id, to.AddWeeks(-11), to, gluePerWeek: glue));
        }
        await s_host.Users.UpsertAsync(SimulatedProfiles.For(s_host.Org, s_host.Report(3), sharingDefault: false));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_pages.DisposeAsync();

    private static async Task<IPage> OpenAsync(string path, string userId, string? theme = null, int width = 1100)
    {
        var page = await s_pages.NewPageAsync(width);
        var query = $"?tid={TabApiHost.TenantId}&oid={userId}" + (theme is null ? "" : $"&theme={theme}");
        await page.GotoAsync(new Uri(s_pages.BaseUrl, path + query).ToString());
        return page;
    }

    /// <summary>Whether a chart canvas has drawn bars: some pixels are neither transparent nor the page background.</summary>
    private static async Task<int> ColouredPixelsAsync(IPage page, string selector) =>
        await page.EvalOnSelectorAsync<int>(selector, """
            canvas => {
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let coloured = 0;
              for (let i = 0; i < data.length; i += 4) {
                const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
                if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
              }
              return coloured;
            }
            """);

    [TestMethod]
    public async Task MyGlueWork_ShowsFiguresAndAStackedChartWithData()
    {
        var page = await OpenAsync("/tab/me", s_host.Report(0).Id);
        await page.GetByText("Glue work", new() { Exact = true }).WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Glue work: 60.0 h")).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("canvas[role=img]");
        Assert.IsTrue(await ColouredPixelsAsync(page, "canvas[role=img]") > 1000, "the chart drew coloured bars");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "my-glue-work.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task MyGlueWork_ExportsDownloadAndParse()
    {
        var page = await OpenAsync("/tab/me", s_host.Report(0).Id);
        await page.WaitForSelectorAsync("canvas[role=img]");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export records (CSV)" }).ClickAsync());
        var lines = (await File.ReadAllTextAsync(await csv.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("week,start,end,minutes,title,status,category,impact,delegated,shared_with_manager,artifact_title,artifact_link,outcome", lines[0]);
        Assert.AreEqual(12 * 8, lines.Length - 1);
        var markdown = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export promotion packet (Markdown)" }).ClickAsync());
        using (var zip = System.IO.Compression.ZipFile.OpenRead(await markdown.PathAsync()))
        {
            using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
            var text = await reader.ReadToEndAsync();
            StringAssert.StartsWith(text, "# Glue work");
            StringAssert.Contains(text, "](chart.png)", "the chart is a file beside the text");
            Assert.IsNotNull(zip.GetEntry("chart.png"));
        }
        var word = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export promotion packet (Word)" }).ClickAsync());
        StringAssert.EndsWith(word.SuggestedFilename, ".docx");
        using (var docx = System.IO.Compression.ZipFile.OpenRead(await word.PathAsync()))
        {
            Assert.IsNotNull(docx.GetEntry("word/document.xml"), "a Word document");
            Assert.IsTrue(docx.Entries.Any(e => e.FullName.EndsWith(".png", StringComparison.Ordinal)), "with the chart embedded");
        }
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task A_manager_acknowledges_in_Team_review_and_the_engineer_sees_and_quotes_it()
    {
        var report = s_host.Report(1);
        var manager = await OpenAsync("/tab/team", s_host.Manager.Id);
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Open {report.DisplayName}" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge {report.DisplayName}'s work…" }).ClickAsync();
        await manager.GetByLabel("Your note (up to 500 characters)").FillAsync("Thank you for steady mentoring all quarter.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Send acknowledgement" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.List, new() { Name = "What you acknowledged" })).ToContainTextAsync("Thank you for steady mentoring all quarter.");
        await manager.Context.CloseAsync();

        var engineer = await OpenAsync("/tab/me", report.Id);
        var acknowledgements = engineer.GetByRole(AriaRole.List, new() { Name = "Acknowledgements" });
        await Assertions.Expect(acknowledgements).ToContainTextAsync("Thank you for steady mentoring all quarter.");
        await Assertions.Expect(acknowledgements).ToContainTextAsync(s_host.Manager.DisplayName);
        await acknowledgements.GetByRole(AriaRole.Switch, new() { Name = "Quote in my packet" }).ClickAsync();
        await Assertions.Expect(acknowledgements.GetByRole(AriaRole.Switch, new() { Name = "Quote in my packet" })).ToBeCheckedAsync();
        await engineer.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "my-glue-work-acknowledged.png"), FullPage = true });
        await engineer.Context.CloseAsync();
    }

    [TestMethod]
    public async Task DarkTheme_PaintsADarkPage()
    {
        var page = await OpenAsync("/tab/me", s_host.Report(0).Id, theme: "dark", width: 400);
        await page.WaitForSelectorAsync("canvas[role=img]");
        var background = await page.EvalOnSelectorAsync<string>(".fui-FluentProvider", "e => getComputedStyle(e).backgroundColor");
        var rgb = background.Split('(', ')')[1].Split(',').Select(v => int.Parse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.IsTrue(rgb.Take(3).Max() < 80, $"dark background, got {background}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "my-glue-work-dark-narrow.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task TeamReview_ShowsReportsTheirStatusTheMixSignalsAndADrillDown()
    {
        var page = await OpenAsync("/tab/team", s_host.Manager.Id);
        var people = page.GetByRole(AriaRole.List, new() { Name = "Team glue work" });
        await people.WaitForAsync();
        Assert.AreEqual(s_host.Manager.DirectReportIds.Count, await people.GetByRole(AriaRole.Listitem).CountAsync());
        await Assertions.Expect(page.GetByText($"3 of {s_host.Manager.DirectReportIds.Count} reports share")).ToBeVisibleAsync();
        await Assertions.Expect(people.GetByRole(AriaRole.Listitem).Filter(new() { HasText = s_host.Report(3).DisplayName })).ToContainTextAsync("Not sharing");
        await Assertions.Expect(people.GetByRole(AriaRole.Listitem).Filter(new() { HasText = s_host.Report(4).DisplayName })).ToContainTextAsync("Not installed");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = $"{s_host.Report(0).DisplayName}'s trend: weekly glue hours 5.0, 5.0", Exact = false })).ToBeVisibleAsync();
        Assert.IsTrue(await ColouredPixelsAsync(page, "section[aria-label=\"The team's category mix\"] canvas") > 1000, "the team's mix is drawn");
        await Assertions.Expect(page.GetByText("Uneven load")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {s_host.Report(0).DisplayName}" }).ClickAsync();
        var drillDown = page.Locator("#drill-down canvas[role=img]");
        await drillDown.WaitForAsync();
        Assert.IsTrue(await ColouredPixelsAsync(page, "#drill-down canvas[role=img]") > 1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "team-review.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task TeamReview_ASignalOpensThePersonOnExactlyItsWeeks_AndThePeriodPickerAndCsvFollow()
    {
        var page = await OpenAsync("/tab/team", s_host.Manager.Id);
        var show = page.GetByRole(AriaRole.Button, new() { Name = $"Show these weeks: {s_host.Report(0).DisplayName},", Exact = false }).First;
        var name = await show.GetAttributeAsync("aria-label");
        var weeks = System.Text.RegularExpressions.Regex.Match(name!, @"(\d{4}-W\d{2}) to (\d{4}-W\d{2})");
        await show.ClickAsync();
        await Assertions.Expect(page.Locator("#drill-down")).ToContainTextAsync($"{weeks.Groups[1].Value} to {weeks.Groups[2].Value}");

        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("4");
        var to = s_host.TeamWeek;
        await Assertions.Expect(page.GetByText($"{to.AddWeeks(-3)} to {to}.", new() { Exact = false })).ToBeVisibleAsync();
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV (what you see)" }).ClickAsync());
        var lines = (await File.ReadAllTextAsync(await csv.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "person,status,week,glue_hours,share_of_team");
        Assert.IsTrue(lines.Any(l => l.StartsWith($"{s_host.Report(4).DisplayName},not-installed,,", StringComparison.Ordinal)));
        Assert.AreEqual(1 + 5 + 3 * 5 + (s_host.Manager.DirectReportIds.Count - 3), lines.Length, "the team and 4 weeks, each sharing person and their 4 weeks, one line for each other person");

        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("dates");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(to.AddWeeks(-1).Monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(to.AddWeeks(-2).Monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByText("The first day is after the last.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Swap them" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{to.AddWeeks(-2)} to {to.AddWeeks(-1)}.", new() { Exact = false })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task MyGlueWork_WeekPicker_IsADatePicker_AnEmptyDaySaysSoAndOffersThisWeek()
    {
        var report = s_host.Report(0);
        var page = await OpenAsync("/tab/me", report.Id);
        var records = page.GetByRole(AriaRole.List, new() { Name = $"Records of {TabApiHost.WeekOf(report)}" });
        await records.WaitForAsync();
        Assert.AreEqual(8, await records.GetByRole(AriaRole.Listitem).CountAsync());
        await page.GetByLabel("Week of").FillAsync("");
        await Assertions.Expect(page.GetByText("No day is picked.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(records).Not.ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this week" }).ClickAsync();
        await Assertions.Expect(records).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous week" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous week" }).ClickAsync();
        await page.GetByLabel("Week of").FillAsync("2001-01-03");
        await Assertions.Expect(page.GetByText("No meetings are recorded for 2001-W01", new() { Exact = false })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task MyGlueWork_WhoViewedMyData_NamesTheManagerInWords()
    {
        var report = s_host.Report(1);
        using (var manager = s_host.ClientFor(s_host.Manager.Id))
        {
            using var _ = await manager.GetAsync(new Uri($"/api/team/members/{report.Id}/summary", UriKind.Relative));
        }
        var page = await OpenAsync("/tab/me", report.Id);
        var viewed = page.GetByRole(AriaRole.List, new() { Name = "Who viewed my data" });
        await Assertions.Expect(viewed).ToContainTextAsync($"{s_host.Manager.DisplayName} opened your glue work in detail");
        Assert.IsFalse((await viewed.InnerTextAsync()).Contains(s_host.Manager.Id, StringComparison.OrdinalIgnoreCase), "no raw id");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    [DataRow("/tab/me", null)]
    [DataRow("/tab/me", "dark")]
    [DataRow("/tab/me", "contrast")]
    [DataRow("/tab/team", null)]
    [DataRow("/tab/team", "dark")]
    [DataRow("/tab/team", "contrast")]
    public async Task BothTabs_At400px_NoHorizontalScroll_NoClippedNames_AndAxeFindsNothingSerious(string route, string? theme)
    {
        var manager = route == "/tab/team";
        var page = await OpenAsync(route, manager ? s_host.Manager.Id : s_host.Report(0).Id, theme, width: 400);
        await page.WaitForSelectorAsync(manager ? "[data-person-name]" : "ul[aria-label^='Records of'] li");
        await page.WaitForSelectorAsync("canvas[role=img]");
        if (manager)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Open {s_host.Report(0).DisplayName}" }).ClickAsync();
            await page.WaitForSelectorAsync("#drill-down canvas");
        }
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        Assert.IsLessThanOrEqualTo(widths[1], widths[0], $"no horizontal scroll at 400 px: scrollWidth {widths[0]}, clientWidth {widths[1]}");
        Assert.IsLessThanOrEqualTo(widths[1], widths[2], "the body does not overflow either");
        if (manager)
        {
            var clipped = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('[data-person-name]')]
                  .filter(e => { const r = e.getBoundingClientRect(); return e.scrollWidth > e.clientWidth || r.left < 0 || r.right > document.documentElement.clientWidth; })
                  .map(e => e.textContent)
                """);
            Assert.IsEmpty(clipped, "clipped names: " + string.Join(", ", clipped));
            Assert.AreEqual(s_host.Manager.DirectReportIds.Count, await page.Locator("[data-person-name]").CountAsync());
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, $"{route.Trim('/').Replace('/', '-')}-{theme ?? "light"}-400.png"), FullPage = true });
        var serious = await PagesHost.SeriousAxeViolationsAsync(page);
        Assert.AreEqual(0, serious.Length, string.Join("\n", serious));
        await page.Context.CloseAsync();
    }

    [TestMethod]
    [DataRow("/tab/me", "My glue work")]
    [DataRow("/tab/team", "Team review")]
    public async Task OutsideTeams_APlainPageSaysHowToOpenItInTeams_WithNoDevelopmentHints(string path, string tab)
    {
        var page = await s_pages.NewPageAsync(1100);
        await page.GotoAsync(new Uri(s_pages.BaseUrl, path).ToString());

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open Glueprint in Microsoft Teams" })).ToBeVisibleAsync();
        var text = await page.InnerTextAsync("main");
        StringAssert.Contains(text, $"choose the {tab} tab");
        foreach (var hint in new[] { "tid=", "oid=", "Development", "?" })
        {
            Assert.DoesNotContain(hint, text, $"a development hint: {hint}");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Glueprint support" })).ToHaveAttributeAsync("href", "/support");
        Assert.AreEqual(0, (await PagesHost.SeriousAxeViolationsAsync(page)).Length);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, $"tab-outside-teams{path.Replace('/', '-')}.png") });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task WithoutAdminConsent_TheTabSaysSo_WithTheAdminConsentLink_NeverAnEmptyPage()
    {
        var user = s_host.NotAReport;
        s_host.Graph.Tenant.Faults.DenyConsent(user.Id);
        try
        {
            var page = await OpenAsync("/tab/me", user.Id);

            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your admin hasn't granted Glueprint access to calendars yet" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin consent page" }))
                .ToHaveAttributeAsync("href", $"https://login.microsoftonline.com/{TabApiHost.TenantId}/adminconsent?client_id={PagesHost.ClientId}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My glue work" })).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "tab-admin-consent.png") });
            await page.Context.CloseAsync();
        }
        finally
        {
            s_host.Graph.Tenant.Faults.GrantConsent(user.Id);
        }
    }

    [TestMethod]
    public async Task WhenTeamsRefusedTheBotsMessages_MyGlueWorkSaysToReinstallTheApp_AndOnlyThen()
    {
        var user = s_host.Org.Users.Where(u => u.Role == GlueTeams.Simulator.Org.OrgRole.Engineer && u.ManagerId != s_host.Manager.Id).Skip(1).First();
        const string chat = "a:chat-refused";
        await s_host.Users.UpsertAsync(SimulatedProfiles.For(s_host.Org, user) with
        {
            Conversation = new GlueTeams.Core.Users.ConversationReference(new Uri("https://smba.trafficmanager.net/amer/"), chat, "28:bot"),
        });
        const string notice = "Glueprint can't reach you in Teams: reinstall the app";
        var reachable = await OpenAsync("/tab/me", user.Id, width: 400);
        await Assertions.Expect(reachable.GetByRole(AriaRole.Heading, new() { Name = "My glue work" })).ToBeVisibleAsync();
        await reachable.GetByText("Nothing confirmed from", new() { Exact = false }).WaitForAsync(); // the page has loaded
        await Assertions.Expect(reachable.GetByText(notice, new() { Exact = false })).ToHaveCountAsync(0);
        await reachable.Context.CloseAsync();

        await s_host.Users.MarkUnreachableAsync(TabApiHost.TenantId, user.Id, chat); // as the outbox does when Teams answers 403 or 404
        var page = await OpenAsync("/tab/me", user.Id, width: 400);

        await Assertions.Expect(page.GetByText(notice, new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My glue work" })).ToBeVisibleAsync();
        await page.GetByText("Nothing confirmed from", new() { Exact = false }).WaitForAsync();
        Assert.AreEqual(0, (await PagesHost.SeriousAxeViolationsAsync(page)).Length);
        CollectionAssert.AreEqual(Array.Empty<string>(), await PagesHost.ClippedAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "tab-teams-unreachable.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A stand-in for Teams on the web around the tab: a page at teams.microsoft.com (an origin teams-js accepts) that
    /// frames the tab at https://glue.test (answered by the app on loopback) and answers the TeamsJS messages the tab
    /// sends: initialize, getContext, authentication.getAuthToken (refused for consent until authenticate ran) and
    /// authentication.authenticate, whose URL it records. What it saw is in window.__host.
    /// </summary>
    private static string FakeTeamsHost(string token, string userId, string path, bool popup = false) => $$"""
        <!doctype html><html><body style="margin:0">
        {{(popup ? "" : $"<iframe id=\"tab\" src=\"https://glue.test{path}\" style=\"width:1100px;height:880px;border:0\"></iframe>")}}
        <script>
          const host = window.__host = { calls: [], consented: false, authenticateUrl: null, outcome: null };
          const runtime = { apiVersion: 4, supports: { app: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} } } };
          const context = { theme: 'default', locale: 'en-us', frameContext: 'content', hostClientType: 'web', entityId: 'me',
            tid: '{{TabApiHost.TenantId}}', userObjectId: '{{userId}}', loginHint: 'ada@contoso.com', userPrincipalName: 'ada@contoso.com', appSessionId: 'session' };
          window.addEventListener('message', (event) => {
            const message = event.data;
            if (!message || typeof message.func !== 'string') return;
            host.calls.push(message.func);
            const reply = (args) => event.source.postMessage({ id: message.id, uuid: message.uuid, args }, 'https://glue.test');
            // The tab runs in the frame; the consent window is a popup, which Teams initialises as an authentication window.
            const frame = document.getElementById('tab')?.contentWindow === event.source ? 'content' : 'authentication';
            if (message.func === 'initialize') reply([frame, 'web', JSON.stringify(runtime), '2.58.0']);
            else if (message.func === 'getContext') reply([context]);
            else if (message.func === 'authentication.getAuthToken') reply(host.consented ? [true, '{{token}}'] : [false, 'resourceRequiresConsent']);
            else if (message.func === 'authentication.authenticate') { host.authenticateUrl = message.args[0]; host.consented = true; reply([true, '']); }
            else if (message.func.startsWith('authentication.authenticate.')) host.outcome = { func: message.func, args: message.args };
          });
          {{(popup ? $"window.open('https://glue.test{path}', 'auth', 'width=600,height=535');" : "")}}
        </script></body></html>
        """;

    /// <summary>The tab's origin and teams.microsoft.com answered locally: the app for glue.test, the stand-in host for Teams.</summary>
    private static async Task RouteTeamsAsync(IPage page, string hostHtml)
    {
        var local = s_pages.BaseUrl.ToString().TrimEnd('/');
        await page.Context.RouteAsync("https://teams.microsoft.com/**", route => route.FulfillAsync(new() { Body = hostHtml, ContentType = "text/html" }));
        await page.Context.RouteAsync("https://glue.test/**", async route =>
        {
            var response = await route.FetchAsync(new() { Url = route.Request.Url.Replace("https://glue.test", local, StringComparison.Ordinal) });
            await route.FulfillAsync(new() { Response = response });
        });
        // teams-js looks up its list of valid host origins on a CDN: no outside request, it falls back to its own list.
        await page.Context.RouteAsync("https://res.cdn.office.net/**", route => route.AbortAsync());
    }

    /// <summary>
    /// The consent window's own pages in the stand-in host (a popup, as Teams on the web opens it): /auth/start sends the
    /// person to Entra ID's authorize endpoint (answered here by redirecting back with <paramref name="answer"/>),
    /// /auth/end tells Teams the outcome. Returns the authorize URL and what Teams was told.
    /// </summary>
    private static async Task<(Uri Authorize, JsonElement Outcome)> ConsentWindowAsync(Func<string, string> answer)
    {
        var user = s_host.Report(1);
        var page = await s_pages.NewPageAsync(1100);
        await RouteTeamsAsync(page, FakeTeamsHost(s_host.Token(user.Id), user.Id, "/auth/start", popup: true));
        Uri? authorize = null;
        await page.Context.RouteAsync("https://login.microsoftonline.com/**", route =>
        {
            authorize = new Uri(route.Request.Url);
            var state = System.Web.HttpUtility.ParseQueryString(authorize.Query)["state"] ?? "";
            // Entra ID sends the window on to the redirect URI. A page that does so, rather than a 302: a fulfilled redirect
            // into another routed origin fails its first load, and only a browser that reloads failed pages recovered.
            var redirect = JsonSerializer.Serialize("https://glue.test/auth/end?" + answer(state));
            return route.FulfillAsync(new() { ContentType = "text/html", Body = $"<script>location.replace({redirect});</script>" });
        });
        await page.GotoAsync("https://teams.microsoft.com/_fake-host");
        var outcome = await page.WaitForFunctionAsync("() => window.__host.outcome");
        var result = (await outcome.JsonValueAsync<JsonElement>(), authorize!);
        await page.Context.CloseAsync();
        return (result.Item2, result.Item1);
    }

    [TestMethod]
    public async Task ConsentWindow_AsksEntraIdForConsentToTheApiScope_AndReportsSuccessForItsOwnAnswer()
    {
        var (authorize, outcome) = await ConsentWindowAsync(state => $"code=fake-code&state={Uri.EscapeDataString(state)}");

        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.AreEqual($"/{TabApiHost.TenantId}/oauth2/v2.0/authorize", authorize.AbsolutePath);
        Assert.AreEqual(PagesHost.ClientId, query["client_id"]);
        Assert.AreEqual("https://glue.test/auth/end", query["redirect_uri"]);
        CollectionAssert.Contains(query["scope"]!.Split(' '), $"{TabApiHost.Audience}/access_as_user");
        Assert.AreEqual("consent", query["prompt"]);
        Assert.AreEqual("S256", query["code_challenge_method"]);
        Assert.AreEqual("ada@contoso.com", query["login_hint"]);
        Assert.AreEqual("authentication.authenticate.success", outcome.GetProperty("func").GetString());
    }

    [TestMethod]
    public async Task ConsentWindow_ReportsADeclineWithEntraIdsReason_AndRefusesAnAnswerToAnotherRequest()
    {
        var (_, declined) = await ConsentWindowAsync(_ => "error=access_denied&error_description=The+user+declined+to+consent");
        Assert.AreEqual("authentication.authenticate.failure", declined.GetProperty("func").GetString());
        Assert.AreEqual("The user declined to consent", declined.GetProperty("args")[0].GetString());

        var (_, forged) = await ConsentWindowAsync(_ => "code=fake-code&state=not-the-one-issued");
        Assert.AreEqual("authentication.authenticate.failure", forged.GetProperty("func").GetString());
        StringAssert.Contains(forged.GetProperty("args")[0].GetString(), "did not match");
    }

    [TestMethod]
    public async Task InTeams_ConsentNeeded_ShowsAConsentButton_ThatRunsAuthenticateOnAuthStart_ThenTheTabLoads()
    {
        var user = s_host.Report(0);
        var page = await s_pages.NewPageAsync(1100);
        await RouteTeamsAsync(page, FakeTeamsHost(s_host.Token(user.Id), user.Id, "/tab/me"));
        await page.GotoAsync("https://teams.microsoft.com/_fake-host");
        var tab = page.FrameLocator("#tab");

        await Assertions.Expect(tab.GetByRole(AriaRole.Alert).Filter(new() { HasText = "needs your consent" })).ToBeVisibleAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Consent" }).ClickAsync();

        await Assertions.Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "My glue work" })).ToBeVisibleAsync();
        Assert.AreEqual("https://glue.test/auth/start", await page.EvaluateAsync<string>("() => window.__host.authenticateUrl"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "tab-after-consent.png") });
        await page.Context.CloseAsync();
    }
}
