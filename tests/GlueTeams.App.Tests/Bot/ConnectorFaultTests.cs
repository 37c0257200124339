using System.Net;
using System.Net.Http.Json;
using GlueTeams.App.Extensions;
using GlueTeams.App.Outbox;
using GlueTeams.Simulator.Connector;
using GlueTeams.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static GlueTeams.App.Tests.Bot.Deliveries;

namespace GlueTeams.App.Tests.Bot;

/// <summary>
/// The connector refusing (503), hanging, or its token not to be had: the turn is answered at once, the reply waits on
/// the outbox and arrives exactly once when Teams answers again, or goes to the poison queue after its last try. A class
/// of its own, beside <see cref="DeliveryFaultTests"/>, so that the two run side by side.
/// </summary>
[TestClass]
public sealed class ConnectorFaultTests
{
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
        // Set aside: on the poison queue, then (a moment later: it is written there before it is deleted) off the outbox's.
        await WaitUntilAsync(async () => await queue.PoisonCountAsync() == 1 && await queue.ApproximateCountAsync() == 0, "the message is set aside");
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
}
