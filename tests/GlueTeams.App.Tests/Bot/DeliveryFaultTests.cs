using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Bot;
using GlueTeams.App.Outbox;
using GlueTeams.Core.Users;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Connector;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Schedule;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;
using static GlueTeams.App.Tests.Bot.Deliveries;

namespace GlueTeams.App.Tests.Bot;

/// <summary>
/// Each delivery promise under the fault that breaks it: the app in-process on Azurite, talking over HTTP to the Bot
/// Connector simulator on Kestrel (loopback). Every test ends by checking that the app still serves.
/// </summary>
[TestClass]
public sealed class DeliveryFaultTests
{
    private static async Task MakeCardDueAsync(BotHarness bot)
    {
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        var scheduled = new WeeklySchedule(profile.CardDay, profile.CardTime, profile.TimeZone).NextAfter(TestClock.Shared.GetUtcNow());
        await bot.App.Services.GetRequiredService<CardScheduleStore>()
            .ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1), scheduled);
    }

    [TestMethod]
    public async Task A_403_marks_the_user_unreachable_and_stops_the_weekly_cards_after_the_first_refusal()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(new Dictionary<string, string?> { ["Bot:CardPollInterval"] = "01:00:00" }));
        await bot.PostAsync(bot.Install());
        Assert.AreEqual(1, Delivered(connector), "welcome");
        connector.Refuse("a:chat-" + BotHarness.UserId, 403);
        await MakeCardDueAsync(bot);
        var scheduler = bot.App.Services.GetRequiredService<WeeklyCardScheduler>();

        Assert.AreEqual(1, await scheduler.SendDueAsync(CancellationToken.None));
        Assert.IsTrue(await bot.DrainOutboxAsync());

        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        Assert.IsTrue(profile.Unreachable);
        Assert.AreEqual(1, connector.Received.Count(r => r.Status == 403), "one refusal, no retries");
        // Next week's card was scheduled before this one went out; when it comes due, nothing is sent or scheduled.
        var requests = connector.Received.Count;
        await MakeCardDueAsync(bot);
        Assert.AreEqual(0, await scheduler.SendDueAsync(CancellationToken.None));
        Assert.IsTrue(await bot.DrainOutboxAsync());
        Assert.AreEqual(requests, connector.Received.Count, "nothing more is sent to an unreachable user");
        Assert.IsEmpty(await bot.App.Services.GetRequiredService<CardScheduleStore>().TakeDueAsync(TestClock.Shared.GetUtcNow().AddDays(8), 10),
            "no further weekly card is scheduled");

        // Writing to the bot again (it was unblocked) makes the user reachable again.
        connector.Accept("a:chat-" + BotHarness.UserId);
        await AssertStillServesAsync(bot, connector);
        Assert.IsFalse((await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!.Unreachable);
    }

    [TestMethod]
    public async Task The_tab_profile_says_when_Teams_cannot_reach_the_user()
    {
        await using var host = await TabApiHost.StartAsync(simulator: new SimulatorOptions { Users = 20 });
        var user = host.Report(0);
        await host.SeedAsync(user, []);
        var profile = (await host.Users.GetAsync(TabApiHost.TenantId, user.Id))!;
        await host.Users.UpsertAsync(profile with { Conversation = new ConversationReference(new Uri(BotHarness.ServiceUrl), "a:chat-x", "28:bot") });
        using var client = host.ClientFor(user.Id);
        Assert.IsFalse((await client.GetFromJsonAsync<JsonElement>("/api/me/profile")).GetProperty("teamsUnreachable").GetBoolean());

        await host.Users.MarkUnreachableAsync(TabApiHost.TenantId, user.Id, "a:chat-x");

        Assert.IsTrue((await client.GetFromJsonAsync<JsonElement>("/api/me/profile")).GetProperty("teamsUnreachable").GetBoolean());
    }

    [TestMethod]
    public async Task This_week_shows_typing_before_the_card()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries());

        await bot.PostAsync(bot.Message("this week"));

        var types = connector.Received.Select(r => r.ActivityType).ToList();
        CollectionAssert.AreEqual(new[] { "typing", "message" }, types);
    }

    [TestMethod]
    public async Task A_Graph_429_storm_during_the_weekly_send_still_sends_the_card_with_the_stored_week()
    {
        await using var graph = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20, RetryAfterSeconds = 0 }, TestClock.Shared);
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(SimulatedGraph.AppSettings(graph, new Dictionary<string, string?> { ["Bot:CardPollInterval"] = "01:00:00" })));
        var install = bot.Activity("installationUpdate", SimulatedOrg.TenantId, SimulatedOrg.DemoUserId);
        install["action"] = "add";
        await bot.PostAsync(install);
        await bot.SeedForAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, ("Onboarding buddy check-in", "onboarding", null));
        var profile = (await bot.Users.GetAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId))!;
        await bot.App.Services.GetRequiredService<CardScheduleStore>().ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1));
        graph.Tenant.Faults.ThrottleShare = 1;

        Assert.AreEqual(1, await bot.App.Services.GetRequiredService<WeeklyCardScheduler>().SendDueAsync(CancellationToken.None));
        await WaitUntilAsync(() => WeeklyCards(connector) == 1, "the weekly card goes out");

        var card = connector.Received.Single(r => r.Body.Contains("Your glue work", StringComparison.Ordinal)).Body;
        StringAssert.Contains(card, "Onboarding buddy check-in");
        StringAssert.Contains(card, "reach your calendar: this card shows what was stored");
        Assert.IsGreaterThan(0L, graph.Tenant.Counters.Throttled, "Graph did throttle");
        graph.Tenant.Faults.ThrottleShare = 0;
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        var help = bot.Activity("message", SimulatedOrg.TenantId, SimulatedOrg.DemoUserId);
        help["text"] = "help";
        var before = Delivered(connector, "a:chat-" + SimulatedOrg.DemoUserId);
        await bot.PostAsync(help);
        await WaitUntilAsync(() => Delivered(connector, "a:chat-" + SimulatedOrg.DemoUserId) == before + 1, "a fresh help is answered");
    }

    [TestMethod]
    public async Task A_queued_card_for_a_user_who_erased_their_data_meanwhile_is_not_sent_and_nothing_is_recreated()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(new Dictionary<string, string?> { ["Outbox:RunWorker"] = "false", ["Bot:CardPollInterval"] = "01:00:00" }));
        using var installed = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Install()));
        await MakeCardDueAsync(bot);
        Assert.AreEqual(1, await bot.App.Services.GetRequiredService<WeeklyCardScheduler>().SendDueAsync(CancellationToken.None));
        await bot.App.Services.GetRequiredService<UserDataEraser>().EraseAsync(BotHarness.TenantId, BotHarness.UserId);
        using var scope = bot.App.Services.CreateScope();
        var worker = scope.ServiceProvider.GetRequiredService<OutboxWorker>();

        var taken = await worker.RunOnceAsync(CancellationToken.None);

        Assert.AreEqual(2, taken, "the welcome and the weekly card were queued");
        Assert.IsEmpty(connector.Received);
        Assert.IsNull(await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId));
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Claims), "no sent-marker or claim was recreated");
    }
}
