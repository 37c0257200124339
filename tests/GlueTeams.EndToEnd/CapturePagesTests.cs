using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Records;
using GlueTeams.Testing;
using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>My glue work's "Add work" and "Review your last quarter", in Debian's Chromium against the real API.</summary>
[TestClass]
public sealed class CapturePagesTests
{
    private static PagesHost s_pages = null!;

    private static TabApiHost Api => s_pages.Api;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => s_pages = await PagesHost.StartAsync("src/GlueTeams.App/wwwroot/index.html");

    [ClassCleanup]
    public static async Task StopAsync() => await s_pages.DisposeAsync();

    /// <summary>My glue work as <paramref name="userId"/>, signed in through the Development token endpoint.</summary>
    private static async Task<IPage> OpenAsync(string userId, int width = 1100)
    {
        var page = await s_pages.NewPageAsync(width);
        await page.GotoAsync(new Uri(s_pages.BaseUrl, $"/tab/me?tid={TabApiHost.TenantId}&oid={userId}").ToString());
        return page;
    }

    [TestMethod]
    public async Task Add_work_logs_glue_work_that_was_not_a_meeting_and_shows_a_bad_duration_inline()
    {
        var engineer = Api.Report(0);
        await Api.SeedAsync(engineer, []);
        var page = await OpenAsync(engineer.Id, width: 400);
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Add work" });
        await form.WaitForAsync();

        await form.GetByLabel("What was it").FillAsync("Wrote the onboarding guide");
        await form.GetByLabel("Time spent").FillAsync("3 days");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add work" }).ClickAsync();
        await form.GetByText("log each day's work on its own").WaitForAsync();
        Assert.IsEmpty(await Api.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek, TabApiHost.CurrentWeek));

        await form.GetByLabel("Time spent").FillAsync("1.5h");
        await form.GetByLabel("Link").FillAsync("https://wiki.contoso.com/eng/onboarding-guide");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add work" }).ClickAsync();
        await form.GetByText("Logged: Wrote the onboarding guide (90 min) as Onboarding, multiplier").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "add-work-400.png"), FullPage = true });

        var stored = (await Api.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek, TabApiHost.CurrentWeek)).Single().Record;
        Assert.AreEqual(ActivitySource.Manual, stored.Source);
        Assert.AreEqual("onboarding", stored.Confirmation!.CategoryId);
        Assert.AreEqual(90, stored.Minutes);
        await page.Context.CloseAsync();
    }

    [TestMethod]
    public async Task Review_your_last_quarter_confirms_a_whole_category_in_one_click()
    {
        var engineer = Api.Report(1);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek.AddWeeks(-6), TabApiHost.CurrentWeek.AddWeeks(-5), perWeek: 4, gluePerWeek: 0)
            .Select((r, i) => r with { Status = ActivityStatus.Suggested, Confirmation = null, Suggestion = new Suggestion(i % 2 == 0 ? "mentoring" : "not-glue", 0.8, "reason") }).ToList();
        await Api.SeedAsync(engineer, []);
        await Api.Activities.UpsertObservedAsync(records);
        var page = await OpenAsync(engineer.Id);
        var review = page.GetByRole(AriaRole.Region, new() { Name = "Review your last quarter" });
        await review.GetByText("8 suggestions from").WaitForAsync();

        await review.GetByRole(AriaRole.Button, new() { Name = "Confirm 4 as Mentoring & coaching" }).ClickAsync();
        await review.GetByText("Confirmed 4 of 4 Mentoring & coaching as suggested.").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesHost.Artifacts, "review-quarter.png"), FullPage = true });

        var stored = await Api.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek.AddWeeks(-12), TabApiHost.CurrentWeek);
        Assert.AreEqual(4, stored.Count(r => r.Record.Status == ActivityStatus.Confirmed && r.Record.Confirmation!.CategoryId == "mentoring"));
        Assert.AreEqual(4, stored.Count(r => r.Record.Status == ActivityStatus.Suggested), "the other category waits");
        await page.Context.CloseAsync();
    }
}
