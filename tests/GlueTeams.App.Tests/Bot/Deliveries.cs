using System.Net;
using GlueTeams.Simulator.Connector;

namespace GlueTeams.App.Tests.Bot;

/// <summary>What the delivery tests share: short retry settings, waiting for a condition, and the promise that the app still serves.</summary>
internal static class Deliveries
{
    /// <summary>Short waits so that retries happen within a test: the first retry after 0.5–1 s, leases and visibility of a few seconds.</summary>
    public static Dictionary<string, string?> FastRetries(IReadOnlyDictionary<string, string?>? more = null)
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

    public static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, seconds);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
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

    public static int Delivered(SimulatedConnector connector, string conversationId = "a:chat-" + BotHarness.UserId) =>
        connector.DeliveredPerConversation().GetValueOrDefault(conversationId);

    public static int WeeklyCards(SimulatedConnector connector) =>
        connector.Received.Count(r => r.IsDeliveredMessage && r.Body.Contains("Your glue work, week", StringComparison.Ordinal));

    /// <summary>The app still serves: /healthz answers, and a fresh "help" gets its reply.</summary>
    public static async Task AssertStillServesAsync(BotHarness bot, SimulatedConnector connector)
    {
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        var before = Delivered(connector);
        using var response = await bot.PostAsync(bot.Message("help"));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilAsync(() => Delivered(connector) == before + 1, "a fresh help is answered");
    }

    /// <summary>The promise in its own words: the conversation got exactly <paramref name="expected"/> messages, nothing is left to send, and the app still serves.</summary>
    public static async Task AssertDeliveredExactlyAsync(BotHarness bot, SimulatedConnector connector, int expected, string what)
    {
        await WaitUntilAsync(() => Delivered(connector) == expected, what);
        Assert.IsTrue(await bot.DrainOutboxAsync(), "the outbox is empty");
        Assert.AreEqual(expected, Delivered(connector), "exactly " + expected);
        await AssertStillServesAsync(bot, connector);
    }
}
