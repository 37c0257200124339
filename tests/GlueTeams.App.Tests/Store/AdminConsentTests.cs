using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Store;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Simulator;
using GlueTeams.Core.Weeks;
using GlueTeams.Teams.Cards;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Store;

/// <summary>
/// Missing admin consent is said, not hidden: with the simulated Graph answering 403 Authorization_RequestDenied for
/// one user (as Graph does when the organisation never granted the app's permissions), the tab API answers a problem
/// that names it and carries the admin consent link, the week sync reports it, and everyone else is served as before.
/// </summary>
[TestClass]
public sealed class AdminConsentTests
{
    private const string GraphClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly IsoWeek s_week = IsoWeek.Parse("2026-W48");
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        s_host = await TabApiHost.StartAsync(new Dictionary<string, string?> { ["Graph:ClientId"] = GraphClientId });

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static string ConsentUrl => $"https://login.microsoftonline.com/{TabApiHost.TenantId}/adminconsent?client_id={GraphClientId}";

    private static async Task AssertConsentProblemAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, $"{what}: {body}");
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, what);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.AreEqual(AdminConsent.ProblemType, problem.GetProperty("type").GetString(), what);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Your admin hasn't granted Glueprint access to calendars yet.", what);
        Assert.AreEqual(ConsentUrl, problem.GetProperty("adminConsentUrl").GetString(), what);
    }

    [TestMethod]
    public async Task Without_consent_the_tab_and_pane_routes_answer_the_consent_problem_and_with_it_they_serve_again()
    {
        var denied = s_host.Manager;
        var meeting = s_host.Graph.Tenant.Calendars.EventsFor(denied.Id, s_week).First(e => !e.IsCancelled && e.Sensitivity == "normal");
        using var client = s_host.ClientFor(denied.Id);
        using var other = s_host.ClientFor(s_host.NotAReport.Id);
        s_host.Graph.Tenant.Faults.DenyConsent(denied.Id);
        try
        {
            await AssertConsentProblemAsync(await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative)), "My glue work's profile");
            await AssertConsentProblemAsync(await client.GetAsync(new Uri("/api/team/summary?weeks=4", UriKind.Relative)), "Team review");
            await AssertConsentProblemAsync(await client.GetAsync(new Uri("/api/tags/" + Uri.EscapeDataString(meeting.Id), UriKind.Relative)), "the Outlook pane");
            Assert.AreEqual(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/me/profile", UriKind.Relative))).StatusCode, "a user Graph serves is served");
        }
        finally
        {
            s_host.Graph.Tenant.Faults.GrantConsent(denied.Id);
        }
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative))).StatusCode, "once consent is granted");
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/tags/" + Uri.EscapeDataString(meeting.Id), UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Without_consent_a_week_sync_reports_the_403_for_that_user_only_and_writes_nothing_for_them()
    {
        var denied = s_host.Report(0);
        var served = s_host.Report(1);
        var sync = s_host.App.Services.GetRequiredService<WeekSync>();
        s_host.Graph.Tenant.Faults.DenyConsent(denied.Mail);
        try
        {
            var results = await sync.SyncAsync([SimulatedProfiles.For(s_host.Org, denied), SimulatedProfiles.For(s_host.Org, served)], s_week);

            Assert.IsTrue(AdminConsent.IsDenied(results[0].GraphStatus), results[0].Error);
            Assert.IsFalse(results[0].Succeeded);
            Assert.IsTrue(results[1].Succeeded, results[1].Error);
            Assert.IsEmpty(await s_host.Activities.ListAsync(TabApiHost.TenantId, denied.Id, s_week, s_week));
            Assert.IsNotEmpty(await s_host.Activities.ListAsync(TabApiHost.TenantId, served.Id, s_week, s_week));
        }
        finally
        {
            s_host.Graph.Tenant.Faults.GrantConsent(denied.Mail);
        }
    }

    [TestMethod]
    public void The_card_notice_says_it_and_links_the_admin_consent_page_or_says_whom_to_ask()
    {
        var withClient = AdminConsent.Notice(new StoreLinks(null, null, GraphClientId), TabApiHost.TenantId);
        var without = AdminConsent.Notice(new StoreLinks(null, null, null), TabApiHost.TenantId);

        Assert.IsTrue(withClient.IsError);
        Assert.AreEqual($"Your admin hasn't granted Glueprint access to calendars yet. Send your admin this link to grant it: [grant Glueprint access]({ConsentUrl})", withClient.Text);
        Assert.AreEqual("Your admin hasn't granted Glueprint access to calendars yet. Ask your Microsoft 365 admin to grant it.", without.Text);
        Assert.IsTrue(CardJson.FitsInTeams(WeekCard.Page(new WeekView(s_week, [], Core.Summaries.GlueSummary.Of([]), TimeZoneInfo.Utc, "29:u"), 0, withClient)));
    }

    [TestMethod]
    public async Task Without_consent_this_week_and_the_weekly_card_say_so_with_the_link_never_no_meetings_and_once_granted_show_the_week()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        await using var bot = new BotHarness(SimulatedGraph.AppSettings(simulator, new Dictionary<string, string?> { ["Graph:ClientId"] = GraphClientId }));
        simulator.Tenant.Faults.DenyConsent(BotHarness.UserId);
        await bot.PostAsync(bot.Install());

        await bot.PostAsync(bot.Message("this week"));
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        await bot.App.Services.GetRequiredService<GlueTeams.Storage.Schedule.CardScheduleStore>().ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1));
        await bot.App.Services.GetRequiredService<GlueTeams.App.Bot.WeeklyCardScheduler>().SendDueAsync(CancellationToken.None);
        await bot.DrainOutboxAsync();

        var cards = bot.SentCards();
        StringAssert.Contains(BotHarness.Texts(cards[0]), "Welcome to Glueprint", "the install still welcomes");
        foreach (var card in cards.Skip(1))
        {
            Assert.AreEqual($"Your admin hasn't granted Glueprint access to calendars yet. Send your admin this link to grant it: [grant Glueprint access]({ConsentUrl})", BotHarness.Notice(card));
            Assert.DoesNotContain("No meetings", BotHarness.Texts(card));
        }
        Assert.HasCount(3, cards, "welcome, this week, the weekly card");

        simulator.Tenant.Faults.GrantConsent(BotHarness.UserId);
        await bot.PostAsync(bot.Message("this week"));
        var stored = await bot.StoredAsync();
        Assert.IsNotEmpty(stored);
        Assert.IsNull(BotHarness.Notice(bot.SentCards()[^1]));
        StringAssert.Contains(BotHarness.Texts(bot.SentCards()[^1]), stored[0].Record.Title);
    }
}
