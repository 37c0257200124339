using System.Net;
using System.Net.Http.Json;
using GlueTeams.App.Bot;
using GlueTeams.Simulator.Connector;
using GlueTeams.Storage;
using GlueTeams.Storage.Schedule;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using static GlueTeams.App.Tests.Bot.Deliveries;

namespace GlueTeams.App.Tests.Bot;

/// <summary>
/// Delivery promises while storage is cut (a TCP proxy in front of Azurite): a turn whose reply cannot be queued, and
/// the weekly card whose due entry the scheduler cannot read. A class of its own, beside <see cref="DeliveryFaultTests"/>.
/// </summary>
[TestClass]
public sealed class StorageCutDeliveryTests
{
    /// <summary>Storage's retries (3) after 0.1, 0.2 and 0.4 s instead of 0.8, 1.6 and 3.2: a request to cut storage fails in under a second.</summary>
    private static readonly Dictionary<string, string?> QuickStorageRetries = new() { ["Storage:RetryDelay"] = "00:00:00.100" };

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
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(QuickStorageRetries), storage);
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
        await using var bot = new BotHarness(simulator.ServiceUrl, FastRetries(QuickStorageRetries), storage, services => services.AddFakeLogging());
        await bot.PostAsync(bot.Install());
        await bot.SeedAsync(("Sprint retro", "process", null));
        tableProxy.Cut();
        queueProxy.Cut();
        // Due now, written past the proxy: the app only learns of it through polls that fail until storage is back.
        var direct = new CardScheduleStore(new GlueTables(new StorageOptions { TablePrefix = prefix, ConnectionString = Azurite.ConnectionString }));
        await direct.ScheduleAsync(BotHarness.TenantId, BotHarness.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1));

        var logs = bot.App.Services.GetFakeLogCollector();
        await WaitUntilAsync(() => logs.GetSnapshot().Count(r => r.Category == typeof(WeeklyCardScheduler).FullName
            && r.Message.StartsWith("Polling the weekly card schedule failed", StringComparison.Ordinal)) >= 3, "several polls failed against the cut storage");
        Assert.AreEqual(0, WeeklyCards(connector));
        tableProxy.Restore();
        queueProxy.Restore();

        await WaitUntilAsync(() => WeeklyCards(connector) == 1, "the weekly card goes out when storage is back", 60);
        await Task.Delay(TimeSpan.FromSeconds(4)); // more polls, and the lease time, pass
        Assert.AreEqual(1, WeeklyCards(connector), "exactly once");
        StringAssert.Contains(connector.Received.Single(r => r.Body.Contains("Your glue work", StringComparison.Ordinal)).Body, "Sprint retro");
        await AssertStillServesAsync(bot, connector);
    }
}
