using System.Net;
using System.Text.Json;
using GlueTeams.App.Tests.Api;
using GlueTeams.Testing;
using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>
/// The built tab pages, served by the app on Kestrel (loopback, free port), in Debian's Chromium, signed in as simulated
/// users through the Development token endpoint. Screenshots go to .artifacts/e2e/.
/// </summary>
[TestClass]
public sealed class TabPagesTests
{
    private static TabApiHost s_host = null!;
    private static IPlaywright s_playwright = null!;
    private static IBrowser s_browser = null!;
    private static Uri s_baseUrl = null!;
    private static readonly string s_artifacts = Path.Combine(Azurite.RepositoryRoot(), ".artifacts", "e2e");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        if (!File.Exists(Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App", "wwwroot", "index.html")))
        {
            throw new InvalidOperationException("The pages are not built: run ./glue test (or npm run build in src/web).");
        }
        s_host = await TabApiHost.StartAsync();
        var port = Azurite.FreePort();
        s_host.App.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        s_host.App.StartServer();
        s_baseUrl = new Uri($"http://127.0.0.1:{port}");
        var to = TabApiHost.CurrentWeek;
        foreach (var (index, glue) in new[] { (0, 4), (1, 1) })
        {
            var report = s_host.Report(index);
            await s_host.SeedAsync(report, SimulatedRecords.Weeks(TabApiHost.TenantId, report.Id, to.AddWeeks(-11), to, gluePerWeek: glue));
        }
        Directory.CreateDirectory(s_artifacts);
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await s_browser.DisposeAsync();
        s_playwright.Dispose();
        await s_host.DisposeAsync();
    }

    private static async Task<IPage> OpenAsync(string path, string userId, string? theme = null, int width = 1100)
    {
        var context = await s_browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        // The browser's console and errors go to the test output: the first place to look when a page stays blank.
        page.Console += (_, message) => Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"[page error] {error}");
        page.RequestFailed += (_, request) => Console.WriteLine($"[request failed] {request.Url} {request.Failure}");
        var query = $"?tid={TabApiHost.TenantId}&oid={userId}" + (theme is null ? "" : $"&theme={theme}");
        await page.GotoAsync(new Uri(s_baseUrl, path + query).ToString());
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
        await Assertions.Expect(page.GetByLabel("Glue work: 48.0 h")).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("canvas[role=img]");
        Assert.IsTrue(await ColouredPixelsAsync(page, "canvas[role=img]") > 1000, "the chart drew coloured bars");
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_artifacts, "my-glue-work.png"), FullPage = true });
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
        var text = await File.ReadAllTextAsync(await markdown.PathAsync());
        StringAssert.StartsWith(text, "# Glue work");
        StringAssert.Contains(text, "](data:image/png;base64,");
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task DarkTheme_PaintsADarkPage()
    {
        var page = await OpenAsync("/tab/me", s_host.Report(0).Id, theme: "dark", width: 400);
        await page.WaitForSelectorAsync("canvas[role=img]");
        var background = await page.EvalOnSelectorAsync<string>(".fui-FluentProvider", "e => getComputedStyle(e).backgroundColor");
        var rgb = background.Split('(', ')')[1].Split(',').Select(v => int.Parse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.IsTrue(rgb.Take(3).Max() < 80, $"dark background, got {background}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_artifacts, "my-glue-work-dark-narrow.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task TeamReview_ShowsReportsSignalsAndADrillDown()
    {
        var page = await OpenAsync("/tab/team", s_host.Manager.Id);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Team glue work" });
        await table.WaitForAsync();
        Assert.AreEqual(s_host.Manager.DirectReportIds.Count + 1, await table.GetByRole(AriaRole.Row).CountAsync());
        await Assertions.Expect(page.GetByText("Uneven load")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {s_host.Report(0).DisplayName}" }).ClickAsync();
        await page.WaitForSelectorAsync("canvas[role=img]");
        Assert.IsTrue(await ColouredPixelsAsync(page, "canvas[role=img]") > 1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_artifacts, "team-review.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [TestMethod]
    [DataRow("/tab/me", false)]
    [DataRow("/tab/team", true)]
    [DataRow("/tab/me?theme=contrast", false)]
    public async Task Axe_FindsNoSeriousOrCriticalViolations(string path, bool asManager)
    {
        var (route, theme) = path.Split("?theme=") is [var r, var t] ? (r, t) : (path, null);
        var page = await OpenAsync(route, asManager ? s_host.Manager.Id : s_host.Report(0).Id, theme);
        await page.WaitForSelectorAsync(asManager ? "table" : "canvas[role=img]");
        // Fluent's focus manager (tabster) adds aria-hidden focus sentinels that pass focus on at once; they are never a stop.
        await page.AddScriptTagAsync(new() { Path = Path.Combine(Azurite.RepositoryRoot(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run({ exclude: [['[data-tabster-dummy]']] })).violations.map(v => ({
              id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160) + ' ' + (n.any[0]?.message ?? '')),
            }))
            """);
        var serious = result.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.AreEqual(0, serious.Count, string.Join("\n", serious));
        await page.Context.CloseAsync();
    }
}
