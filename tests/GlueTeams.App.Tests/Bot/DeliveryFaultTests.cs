using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Bot;
using GlueTeams.App.Outbox;
using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Connector;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using GlueTeams.App.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Tests.Bot;

/// <summary>
/// Each delivery promise under the fault that breaks it: the app in-process on Azurite, talking over HTTP to the Bot
/// Connector simulator on Kestrel (loopback). Every test ends by checking that the app still serves.
/// </summary>
[TestClass]
public sealed class DeliveryFaultTests
{
    /// <summary>Short waits so that retries happen within a test: the first retry after 0.5–1 s, leases and visibility of a few seconds.</summary>
    private static Dictionary<string, string?> FastRetries(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:BaseDelay"] = "00:00:01",
            ["Outbox:MaxTries"] = "20",
            ["Outbox:MaxDelay"] = "00:00:02",
            ["Outbox:Visibility"] = "00:00:05",
            ["Outbox:IdlePoll"] = "00:00:00.200",
            ["Bot:ConnectorAttemptTimeout"] = "00:00:00.500",
            ["Bot:CardPollInterval"] = "00:00:01",
            ["Bot:CardLease"] = "00:00:03",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, seconds);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting until {what}.");
            }
            await Task.Delay(100);
        }
    }

    private static int Delivered(SimulatedConnector connector, string conversationId = "a:chat-" + BotHarness.UserId) =>
        connector.DeliveredPerConversation().GetValueOrDefault(conversationId);

    private static int WeeklyCards(SimulatedConnector connector) =>
        connector.Received.Count(r => r.IsDeliveredMessage && r.Body.Contains("Your glue work, week", StringComparison.Ordinal));

    /// <summary>The app still serves: /healthz answers, and a fresh "help" gets its reply.</summary>
    private static async Task AssertStillServesAsync(BotHarness bot, SimulatedConnector connector)
    {
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        var before = Delivered(connector);
        using var response = await bot.PostAsync(bot.Message("help"));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilAsync(() => Delivered(connector) == before + 1, "a fresh help is answered");
    }

    /// <summary>The promise in its own words: the conversation got exactly <paramref name="expected"/> messages, nothing is left to send, and the app still serves.</summary>
    private static async Task AssertDeliveredExactlyAsync(BotHarness bot, SimulatedConnector connector, int expected, string what)
    {
        await WaitUntilAsync(() => Delivered(connector) == expected, what);
        Assert.IsTrue(await bot.DrainOutboxAsync(), "the outbox is empty");
        Assert.AreEqual(expected, Delivered(connector), "exactly " + expected);
        await AssertStillServesAsync(bot, connector);
    }

    private static async Task MakeCardDueAsync(BotHarness bot)
    {
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        var scheduled = new WeeklySchedule(profile.CardDay, profile.CardTime, profile.TimeZone).NextAfter(TestClock.Shared.GetUtcNow());
        await bot.App.Services.GetRequiredService<CardScheduleStore>()
            .ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1), scheduled);
    }

    [TestMethod]
    public async Task A_reply_queued_while_the_connector_answers_503_arrives_exactly_once_when_it_is_back()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries());
        connector.UnavailableShare = 1;
        connector.RetryAfterSeconds = 0;

        using var response = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Message("help")));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "the reply is queued, so Teams gets its 200");
        await WaitUntilAsync(() => connector.Received.Count(r => r.Status == 503) >= 8, "the connector refused a few tries (in the call and from the queue)");
        Assert.AreEqual(0, Delivered(connector));
        connector.UnavailableShare = 0;

        await WaitUntilAsync(() => Delivered(connector) == 1, "the reply arrives once the connector is back");
        StringAssert.Contains(connector.Received.Single(r => r.IsDeliveredMessage).Body, "Glueprint commands");
        await AssertDeliveredExactlyAsync(bot, connector, 1, "exactly one reply");
    }

    [TestMethod]
    public async Task A_hanging_connector_neither_blocks_the_turn_nor_loses_the_reply()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries());
        connector.Hang = true;

        var started = DateTime.UtcNow;
        using var response = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Message("help")));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsFalse(await bot.DrainOutboxAsync(TimeSpan.FromSeconds(3)), "the reply waits on the queue while the connector hangs");
        connector.Hang = false;

        await AssertDeliveredExactlyAsync(bot, connector, 1, "the reply arrives once the connector answers");
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
    public async Task The_same_activity_delivered_concurrently_and_again_after_success_gets_one_reply()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries());
        var message = bot.Message("help").ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => bot.Client.PostAsync("/api/messages",
            new StringContent(message, System.Text.Encoding.UTF8, "application/json")))));
        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK));
        Assert.IsTrue(await bot.DrainOutboxAsync());
        using var redelivered = await bot.PostAsync(message);

        Assert.AreEqual(HttpStatusCode.OK, redelivered.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
        await AssertDeliveredExactlyAsync(bot, connector, 1, "one reply for six concurrent deliveries and a late re-delivery");
    }

    [TestMethod]
    public async Task A_turn_that_fails_before_its_reply_is_queued_answers_5xx_and_its_redelivery_is_answered_once()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var queueProxy = new LoopbackProxy(Azurite.QueueEndpoint);
        var storage = Azurite.NewStorageOptions();
        storage = new StorageOptions
        {
            TablePrefix = storage.TablePrefix,
            ConnectionString = Azurite.ConnectionString.Replace(Azurite.QueueEndpoint.ToString(), queueProxy.Through(Azurite.QueueEndpoint).ToString(), StringComparison.Ordinal),
        };
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(), storage);
        await bot.PostAsync(bot.Install());
        var message = bot.Message("help");
        queueProxy.Cut();

        using var failed = await bot.Client.PostAsync("/api/messages", JsonContent.Create(message));
        Assert.IsGreaterThanOrEqualTo(500, (int)failed.StatusCode, "the queue was unreachable: Teams must deliver it again");
        queueProxy.Restore();
        using var redelivered = await bot.PostAsync(message);

        Assert.AreEqual(HttpStatusCode.OK, redelivered.StatusCode);
        await AssertDeliveredExactlyAsync(bot, connector, 2, "welcome and the re-delivered help's reply");
    }

    [TestMethod]
    public async Task A_failing_token_source_delays_the_reply_which_arrives_once_tokens_come_back()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries());
        bot.App.Tokens.Failure = new Microsoft.Identity.Client.MsalServiceException("invalid_client", "AADSTS7000215: Invalid client secret provided.");

        using var response = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Message("help")));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilAsync(() => bot.App.Tokens.Calls >= 2, "the outbox tried and will try again");
        Assert.IsEmpty(connector.Received, "no request without a token");
        bot.App.Tokens.Failure = null;

        await AssertDeliveredExactlyAsync(bot, connector, 1, "the reply goes once a token is had");
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
    public async Task Storage_cut_during_scheduler_polls_the_weekly_card_still_goes_out_once_when_storage_is_back()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        await using var tableProxy = new LoopbackProxy(Azurite.TableEndpoint);
        await using var queueProxy = new LoopbackProxy(Azurite.QueueEndpoint);
        var prefix = Azurite.NewStorageOptions().TablePrefix;
        var storage = new StorageOptions
        {
            TablePrefix = prefix,
            ConnectionString = Azurite.ConnectionString
                .Replace(Azurite.TableEndpoint.ToString(), tableProxy.Through(Azurite.TableEndpoint).ToString(), StringComparison.Ordinal)
                .Replace(Azurite.QueueEndpoint.ToString(), queueProxy.Through(Azurite.QueueEndpoint).ToString(), StringComparison.Ordinal),
        };
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(), storage);
        await bot.PostAsync(bot.Install());
        await bot.SeedAsync(("Sprint retro", "process", null));
        tableProxy.Cut();
        queueProxy.Cut();
        // Due now, written past the proxy: the app only learns of it through polls that fail until storage is back.
        var direct = new CardScheduleStore(new GlueTables(new StorageOptions { TablePrefix = prefix, ConnectionString = Azurite.ConnectionString }));
        await direct.ScheduleAsync(BotHarness.TenantId, BotHarness.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1));

        await Task.Delay(TimeSpan.FromSeconds(4)); // several polls fail against the cut storage
        Assert.AreEqual(0, WeeklyCards(connector));
        tableProxy.Restore();
        queueProxy.Restore();

        await WaitUntilAsync(() => WeeklyCards(connector) == 1, "the weekly card goes out when storage is back", 60);
        await Task.Delay(TimeSpan.FromSeconds(4)); // more polls, and the lease time, pass
        Assert.AreEqual(1, WeeklyCards(connector), "exactly once");
        StringAssert.Contains(connector.Received.Single(r => r.Body.Contains("Your glue work", StringComparison.Ordinal)).Body, "Sprint retro");
        await AssertStillServesAsync(bot, connector);
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
    public async Task Two_instances_with_one_stopped_mid_fan_out_send_every_card_exactly_once()
    {
        const int users = 60;
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        connector.Latency = TimeSpan.FromMilliseconds(500);
        var settings = FastRetries(new Dictionary<string, string?> { ["Bot:CardPollInterval"] = "00:00:00.500", ["Outbox:Parallelism"] = "2", ["Bot:ConnectorAttemptTimeout"] = "00:00:05" });
        var first = new BotHarness(simulator.ServiceUrl, settings);
        await using var second = new BotHarness(simulator.ServiceUrl, settings, first.App.Storage);
        await SeedFanOutAsync(first.Tables, simulator.ServiceUrl, users, TestClock.Shared.GetUtcNow().AddSeconds(2));

        int FannedOut() => FanOutCards(connector).Count;
        await WaitUntilAsync(() => FannedOut() >= 8, "the fan-out is under way");
        var beforeStop = FannedOut();
        await first.DisposeAsync(); // one instance stops mid fan-out
        Assert.IsLessThan(users, beforeStop, "the instance stopped before the fan-out was done");

        await AssertEveryCardOnceAsync(connector, users);
        await AssertStillServesAsync(second, connector);
    }

    /// <summary>Users fan-out-user-0… with a personal chat at the connector simulator, each with a weekly card due at <paramref name="due"/>.</summary>
    private static async Task SeedFanOutAsync(GlueTables tables, Uri serviceUrl, int users, DateTimeOffset due)
    {
        var ids = Enumerable.Range(0, users).Select(i => $"fan-out-user-{i}").ToList();
        await new UserStore(tables).UpsertManyAsync(ids.Select(userId => new UserProfile
        {
            TenantId = BotHarness.TenantId,
            UserId = userId,
            TeamsUserId = "29:" + userId,
            Conversation = new ConversationReference(serviceUrl, "a:chat-" + userId, "28:bot"),
            CreatedAt = TestClock.Shared.GetUtcNow(),
        }));
        await new CardScheduleStore(tables).ScheduleManyAsync(ids.Select(userId => (BotHarness.TenantId, userId, due)));
    }

    /// <summary>Weekly cards delivered per fan-out user's chat.</summary>
    private static Dictionary<string, int> FanOutCards(SimulatedConnector connector) =>
        connector.DeliveredPerConversation().Where(c => c.Key.StartsWith("a:chat-fan-out-user-", StringComparison.Ordinal)).ToDictionary();

    /// <summary>The promise in its own words: every user got their card, and once leases and visibility timeouts of anything in flight ran out, nobody got it twice.</summary>
    private static async Task AssertEveryCardOnceAsync(SimulatedConnector connector, int users)
    {
        await WaitUntilAsync(() => FanOutCards(connector).Count == users, "every user got their card", 120);
        await Task.Delay(TimeSpan.FromSeconds(8));
        var perUser = FanOutCards(connector);
        Assert.HasCount(users, perUser);
        Assert.IsTrue(perUser.All(c => c.Value == 1), "duplicates: " + string.Join(", ", perUser.Where(c => c.Value > 1).Select(c => c.Key)));
    }

    [TestMethod]
    public async Task Two_app_processes_with_one_killed_mid_fan_out_send_every_card_exactly_once_and_the_survivor_still_serves()
    {
        const int users = 60;
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        connector.Latency = TimeSpan.FromMilliseconds(400);
        var storage = Azurite.NewStorageOptions();
        var tables = new GlueTables(storage);
        await tables.EnsureCreatedAsync();
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = storage.ConnectionString!,
            ["Storage__TablePrefix"] = storage.TablePrefix,
            ["Bot__AllowedServiceUrlHosts__0"] = "127.0.0.1",
            ["Bot__CardPollInterval"] = "00:00:00.500",
            ["Bot__CardLease"] = "00:00:03",
            ["Bot__ConnectorAttemptTimeout"] = "00:00:03",
            ["Outbox__Parallelism"] = "2",
            ["Outbox__Visibility"] = "00:00:05",
            ["Outbox__BaseDelay"] = "00:00:01",
            ["Outbox__MaxDelay"] = "00:00:02",
            ["Outbox__MaxTries"] = "20",
            ["Outbox__IdlePoll"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var (doomed, _) = AppProcess.Start(environment);
        var killed = false;
        try
        {
            await FanOutAndKillOneAsync(environment, doomed, () => killed = true, simulator, tables, users);
        }
        finally
        {
            if (!killed)
            {
                await doomed.DisposeAsync();
            }
        }
    }

    private static async Task FanOutAndKillOneAsync(Dictionary<string, string> environment, ChildProcess doomed, Action markKilled,
        ConnectorSimulatorHost simulator, GlueTables tables, int users)
    {
        var connector = simulator.Connector;
        var (survivor, survivorUrl) = AppProcess.Start(environment);
        await using var survivorProcess = survivor;
        await SeedFanOutAsync(tables, simulator.ServiceUrl, users, TestClock.Shared.GetUtcNow().AddSeconds(1)); // the app processes run on the test clock (AppProcess)

        int FannedOut() => FanOutCards(connector).Count;
        await WaitUntilAsync(() => FannedOut() >= 8, "the fan-out is under way", 60);
        // The kill lands while the doomed process's sends wait for Teams' answer (most of a send's life), not in the
        // milliseconds between Teams accepting one and the outbox recording it, where any sender must send again (README).
        connector.Hang = true;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var beforeKill = FannedOut();
        markKilled();
        await doomed.DisposeAsync(); // SIGKILL (Process.Kill): no shutdown code runs, its leases and queue items are left as they were
        connector.Hang = false;
        Assert.IsLessThan(users, beforeKill, "the process was killed before the fan-out was done");

        await AssertEveryCardOnceAsync(connector, users);

        using var client = new HttpClient { BaseAddress = survivorUrl };
        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        }
        using var help = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), JsonContent.Create(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "message",
            ["id"] = "after-the-kill",
            ["text"] = "help",
            ["serviceUrl"] = simulator.ServiceUrl.AbsoluteUri,
            ["channelId"] = "msteams",
            ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = BotHarness.TeamsUserId, ["aadObjectId"] = BotHarness.UserId },
            ["recipient"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "a:chat-" + BotHarness.UserId, ["conversationType"] = "personal", ["tenantId"] = BotHarness.TenantId },
            ["channelData"] = new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = BotHarness.TenantId } },
        }));
        Assert.AreEqual(HttpStatusCode.OK, help.StatusCode, survivor.Output);
        await WaitUntilAsync(() => Delivered(connector) == 1, "the survivor answers a fresh help");
    }

    [TestMethod]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue_after_the_last_try_with_a_metric_and_a_log_line_naming_nobody()
    {
        await using var simulator = await ConnectorSimulatorHost.StartAsync();
        var connector = simulator.Connector;
        using var poisoned = new MetricCollector<long>(null, GlueMetrics.MeterName, "glueteams.outbox.poisoned");
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(new Dictionary<string, string?> { ["Outbox:MaxTries"] = "3" }),
            services: services => services.AddFakeLogging());
        connector.UnavailableShare = 1;
        connector.RetryAfterSeconds = 0;

        using var response = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Message("help")));

        var queue = bot.App.Services.GetRequiredService<WorkQueue<OutboxMessage>>();
        await WaitUntilAsync(async () => await queue.PoisonCountAsync() == 1, "the message is set aside");
        Assert.AreEqual(0, await queue.ApproximateCountAsync());
        Assert.AreEqual(0, Delivered(connector));
        var measurement = poisoned.GetMeasurementSnapshot().Single();
        Assert.AreEqual(1L, measurement.Value);
        Assert.AreEqual("Reply", measurement.Tags["kind"]);
        var line = bot.App.Services.GetFakeLogCollector().GetSnapshot().Single(r => r.Category == typeof(OutboxWorker).FullName && r.Level == LogLevel.Error);
        StringAssert.Contains(line.Message, "Gave up a Reply message after 3 tries (last status 503");
        foreach (var personal in new[] { BotHarness.UserId, BotHarness.TenantId, BotHarness.TeamsUserId, "Ada", "a:chat-", "Glueprint commands", simulator.ServiceUrl.Authority })
        {
            Assert.DoesNotContain(personal, line.Message + string.Join(" ", line.StructuredState?.Select(p => p.Value) ?? []), "the log line names nobody: " + personal);
        }
        connector.UnavailableShare = 0;
        await AssertStillServesAsync(bot, connector);
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
