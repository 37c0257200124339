using System.Text.RegularExpressions;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;
using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>
/// The product's main path through a real Teams-like client: the app and the Teams App Test Tool as processes, the
/// tool's page driven in Debian's chromium, the outcome read back from Azurite.
/// </summary>
[TestClass]
public sealed class WeeklyCardFlowTests
{
    private static readonly string Screenshots = Path.Combine(Azurite.RepositoryRoot(), ".artifacts", "e2e");
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static StorageOptions s_storage = null!;
    private static ChildProcess? s_simulator;
    private static ChildProcess? s_app;
    private static TestTool? s_tool;
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        s_storage = Azurite.NewStorageOptions();
        (s_simulator, var simulator) = AppProcess.StartSimulator();
        (s_app, var app) = AppProcess.Start(s_storage, simulator);
        s_tool = TestTool.Start(new Uri(app, "/api/messages"));
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumFlags });
        Directory.CreateDirectory(Screenshots);
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        if (s_browser is not null)
        {
            await s_browser.DisposeAsync();
        }
        s_playwright?.Dispose();
        if (s_tool is not null)
        {
            await s_tool.DisposeAsync();
        }
        if (s_app is not null)
        {
            await s_app.DisposeAsync();
        }
        if (s_simulator is not null)
        {
            await s_simulator.DisposeAsync();
        }
    }

    private static string Tail(string text, int length) => text[^Math.Min(text.Length, length)..];

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{TestContext.TestName}-{name}.png"), FullPage = true });

    [TestMethod]
    public async Task Install_welcome_this_week_change_one_category_confirm_all_updates_the_card_in_place_and_confirms_in_storage()
    {
        var page = await s_browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(20_000);
        try
        {
            await page.GotoAsync(s_tool!.Url.AbsoluteUri);
            var compose = page.Locator("[role=textbox][contenteditable=true]");
            await compose.WaitForAsync();

            await s_tool.InstallAsync();
            await page.GetByText("Welcome to Glueprint").WaitForAsync();
            await ShotAsync(page, "1-welcome");

            await compose.ClickAsync();
            await page.Keyboard.TypeAsync("this week");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send Message" }).ClickAsync();
            var week = page.GetByText("Your glue work, week");
            await week.WaitForAsync();
            await ShotAsync(page, "2-this-week");

            // The Test Tool renders a compact choice set as a Fluent UI combobox; the first one is the week's first row.
            await page.GetByRole(AriaRole.Combobox).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Community & culture", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm all" }).ClickAsync();
            var notice = page.GetByText(new Regex(@"^Confirmed \d+ items?\."));
            await notice.WaitForAsync();
            await ShotAsync(page, "3-confirmed");

            Assert.AreEqual(1, await week.CountAsync(), "the card was replaced in place, not posted again");
            var confirmedRows = int.Parse(Regex.Match(await notice.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
            var thisWeek = IsoWeek.Containing(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
            var stored = await new ActivityStore(new GlueTables(s_storage)).ListAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, thisWeek, thisWeek);
            // Rows as the card shows them: a recurring series once, in order of its first occurrence.
            var rows = stored.GroupBy(r => r.Record.SeriesId is { Length: > 0 } series ? series : r.Id).ToList();
            Assert.IsGreaterThan(0, confirmedRows);
            var summary = string.Join(", ", stored.Select(r => $"{r.Record.Title}: {r.Record.Status}"));
            Assert.IsTrue(rows.Take(confirmedRows).SelectMany(r => r).All(r => r.Record.Status == ActivityStatus.Confirmed), summary);
            Assert.IsTrue(rows[0].All(r => r.Record.Confirmation!.CategoryId == "community"), "the changed category was saved for the first row");
        }
        catch
        {
            await ShotAsync(page, "failure");
            TestContext.WriteLine("App output:\n" + Tail(s_app!.Output, 6000));
            TestContext.WriteLine("Test Tool output:\n" + Tail(s_tool!.Output, 3000));
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
