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
        s_browser = await Chromium.LaunchAsync(s_playwright);
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

    /// <summary>The rendered card that holds <paramref name="text"/> (the adaptivecards renderer's root element).</summary>
    private static ILocator Card(IPage page, string text) => page.Locator(".ac-adaptiveCard", new() { HasText = text }).Last;

    [TestMethod]
    public async Task The_demo_engineers_week_is_confirmed_with_one_click_on_a_card_at_most_1400_px_high_at_1280_px()
    {
        var page = await s_browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
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
            var card = Card(page, "Your glue work, week");
            var height = (await card.BoundingBoxAsync())!.Height;
            await ShotAsync(page, "2-this-week");

            var clicks = 0;
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm week" }).ClickAsync();
            clicks++;
            var notice = page.GetByText(new Regex(@"^Confirmed \d+ items? of week"));
            await notice.WaitForAsync();
            await ShotAsync(page, "3-confirmed");

            Assert.AreEqual(1, await week.CountAsync(), "the card was replaced in place, not posted again");
            var thisWeek = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc); // the app process runs on the test clock (AppProcess)
            var activities = new ActivityStore(new GlueTables(s_storage));
            var stored = await activities.ListAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, thisWeek, thisWeek);
            var summary = string.Join(", ", stored.Select(r => $"{r.Record.Title}: {r.Record.Status}"));
            Assert.IsGreaterThan(0, stored.Count);
            Assert.IsTrue(stored.All(r => r.Record.Status == ActivityStatus.Confirmed), "one click confirmed every row of the week: " + summary);
            Assert.IsTrue(stored.All(r => r.Record.Confirmation!.CategoryId == r.Record.Suggestion!.CategoryId), "as suggested");
            Assert.AreEqual(1, clicks);
            Assert.IsLessThanOrEqualTo(1400, height, $"the card is {height:F0} px high at 1280 px");
            var rows = stored.GroupBy(r => r.Record.SeriesId is { Length: > 0 } series ? series : r.Id).Count();
            BenchmarkReport.Write("one-click-week", "The one-click week in the Teams App Test Tool",
                $"The demo engineer's week ({stored.Count} meetings, {rows} rows) as the weekly card in the Teams App Test Tool, rendered in Chromium at 1280 px wide " +
                "(`./glue test EndToEnd`, test `The_demo_engineers_week_is_confirmed_with_one_click_on_a_card_at_most_1400_px_high_at_1280_px`).",
                "",
                "| measure | value | target |",
                "| --- | ---: | ---: |",
                $"| clicks to confirm the week | {clicks} | 1 |",
                $"| card height at 1280 px | {height:F0} px | ≤ 1,400 px |");

            // Changing a row: tapping it opens its details; saving brings the week back.
            // (a row the card shows open: sure not-glue rows sit behind the collapsed line)
            var first = stored.Where(r => r.Record.Suggestion is not { CategoryId: "not-glue", Confidence: >= 0.7 }).OrderBy(r => r.Record.Start).First();
            await page.GetByText(first.Record.Title, new() { Exact = true }).First.ClickAsync();
            await page.GetByText("Details: " + first.Record.Title).WaitForAsync();
            await ShotAsync(page, "4-details");
            await page.GetByRole(AriaRole.Combobox).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Community & culture", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.GetByText("Saved the details of").WaitForAsync();
            var changed = await activities.GetAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, first.Id);
            Assert.AreEqual("community", changed!.Record.Confirmation!.CategoryId);
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

    [TestMethod]
    public async Task Logging_work_that_is_not_a_meeting_takes_one_tap_on_the_reply_card()
    {
        var page = await s_browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        page.SetDefaultTimeout(20_000);
        try
        {
            await page.GotoAsync(s_tool!.Url.AbsoluteUri);
            var compose = page.Locator("[role=textbox][contenteditable=true]");
            await compose.WaitForAsync();
            await s_tool.InstallAsync();

            await compose.ClickAsync();
            await page.Keyboard.TypeAsync("log 2h Onboarding guide for the payments sandbox https://wiki.contoso.com/eng/onboarding-guide");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send Message" }).ClickAsync();
            await page.GetByText("Log this glue work?").WaitForAsync();
            var height = (await Card(page, "Log this glue work?").BoundingBoxAsync())!.Height;
            await ShotAsync(page, "1-preview");
            var activities = new ActivityStore(new GlueTables(s_storage));
            var thisWeek = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc); // the app process runs on the test clock (AppProcess)
            bool IsTheGuide(StoredRecord r) => r.Record.Title == "Onboarding guide for the payments sandbox";
            Assert.IsFalse((await activities.ListAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, thisWeek, thisWeek)).Any(IsTheGuide), "nothing stored before the tap");

            var clicks = 0;
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            clicks++;
            await page.GetByText("Logged as glue work").WaitForAsync();
            await ShotAsync(page, "2-logged");

            var stored = (await activities.ListAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, thisWeek, thisWeek)).Single(IsTheGuide).Record;
            Assert.AreEqual(ActivitySource.Manual, stored.Source);
            Assert.AreEqual(ActivityStatus.Confirmed, stored.Status);
            Assert.AreEqual("onboarding", stored.Confirmation!.CategoryId);
            Assert.AreEqual(Impact.Multiplier, stored.Confirmation.Impact);
            Assert.AreEqual(120, stored.Minutes);
            Assert.AreEqual(1, clicks);
            BenchmarkReport.Write("log-work", "Logging work that is not a meeting in the Teams App Test Tool",
                "`log 2h Onboarding guide for the payments sandbox https://…` sent to the bot in the Teams App Test Tool, rendered in Chromium at 1280 px wide " +
                "(`./glue test EndToEnd`, test `Logging_work_that_is_not_a_meeting_takes_one_tap_on_the_reply_card`).",
                "",
                "| measure | value |",
                "| --- | ---: |",
                $"| taps to store it as confirmed glue work | {clicks} |",
                $"| reply card height at 1280 px | {height:F0} px |");
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
