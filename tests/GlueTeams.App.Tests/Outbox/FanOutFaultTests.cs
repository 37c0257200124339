using System.Net;
using System.Net.Http.Json;
using GlueTeams.App.Outbox;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Core.Users;
using GlueTeams.Simulator.Connector;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;
using static GlueTeams.App.Tests.Bot.Deliveries;

namespace GlueTeams.App.Tests.Outbox;

// Each fan-out fault in a class of its own: classes run side by side (a class's tests one after another), and each of
// these spends most of its half minute waiting for the connector simulator's latency and for leases to run out.

/// <summary>An instance stopped (its host shut down) mid fan-out: the other sends what it left, and no user gets a card twice.</summary>
[TestClass]
public sealed class InstanceStoppedMidFanOutTests
{
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
        await FanOut.SeedAsync(first.Tables, simulator.ServiceUrl, users, TestClock.Shared.GetUtcNow().AddSeconds(2));

        int FannedOut() => FanOut.Cards(connector).Count;
        await WaitUntilAsync(() => FannedOut() >= 8, "the fan-out is under way");
        var beforeStop = FannedOut();
        await first.DisposeAsync(); // one instance stops mid fan-out
        Assert.IsLessThan(users, beforeStop, "the instance stopped before the fan-out was done");

        await FanOut.AssertEveryCardOnceAsync(connector, second.App.Services.GetRequiredService<WorkQueue<OutboxMessage>>(), users);
        await AssertStillServesAsync(second, connector);
    }
}

/// <summary>An app process killed (SIGKILL) mid fan-out: the survivor sends what it left, no user gets a card twice, and it still serves.</summary>
[TestClass]
public sealed class ProcessKilledMidFanOutTests
{
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
            // The apps' own outbox queue, read from here to see when nothing is left on it.
            var outbox = new WorkQueue<OutboxMessage>(storage, "outbox");
            await FanOutAndKillOneAsync(environment, doomed, () => killed = true, simulator, tables, outbox, users);
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
        ConnectorSimulatorHost simulator, GlueTables tables, WorkQueue<OutboxMessage> outbox, int users)
    {
        var connector = simulator.Connector;
        var (survivor, survivorUrl) = AppProcess.Start(environment);
        await using var survivorProcess = survivor;
        await FanOut.SeedAsync(tables, simulator.ServiceUrl, users, TestClock.Shared.GetUtcNow().AddSeconds(1)); // the app processes run on the test clock (AppProcess)

        int FannedOut() => FanOut.Cards(connector).Count;
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

        await FanOut.AssertEveryCardOnceAsync(connector, outbox, users);

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
}

/// <summary>A fan-out of weekly cards to many users, and the promise that every one got exactly one.</summary>
internal static class FanOut
{
    /// <summary>Users fan-out-user-0… with a personal chat at the connector simulator, each with a weekly card due at <paramref name="due"/>.</summary>
    public static async Task SeedAsync(GlueTables tables, Uri serviceUrl, int users, DateTimeOffset due)
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
    public static Dictionary<string, int> Cards(SimulatedConnector connector) =>
        connector.DeliveredPerConversation().Where(c => c.Key.StartsWith("a:chat-fan-out-user-", StringComparison.Ordinal)).ToDictionary();

    /// <summary>
    /// The promise in its own words: every user got their card, and once nothing is left on the outbox that could be sent
    /// again, nobody got it twice. The queue's count includes messages an instance holds: those of the stopped one come
    /// back when their visibility runs out and are taken again, so the outbox is empty only when every message any
    /// instance ever took was sent or found sent. (A due card is scheduled for next week before it is queued, so an
    /// expired card lease cannot send it again.)
    /// </summary>
    public static async Task AssertEveryCardOnceAsync(SimulatedConnector connector, WorkQueue<OutboxMessage> outbox, int users)
    {
        await WaitUntilAsync(() => Cards(connector).Count == users, "every user got their card", 120);
        await WaitUntilAsync(async () => await outbox.ApproximateCountAsync() == 0, "nothing is left on the outbox", 60);
        var perUser = Cards(connector);
        Assert.HasCount(users, perUser);
        Assert.IsTrue(perUser.All(c => c.Value == 1), "duplicates: " + string.Join(", ", perUser.Where(c => c.Value > 1).Select(c => c.Key)));
    }
}
