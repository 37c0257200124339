using System.Diagnostics;
using System.Globalization;
using GlueTeams.App.Bot;
using GlueTeams.App.Sync;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Connector;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Connector;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;
using GlueTeams.Core.Users;

namespace GlueTeams.Bench;

/// <summary>
/// The weekly fan-out at Teams' ceiling: 10,000 installed users due in the same minute, two app instances (in this
/// process, sharing Azurite), the Bot Connector simulator at 50 requests/s per tenant with 30 ms latency and 2% 429,
/// the Graph simulator at 30 ms and 2% 429. Wall time from due to the last card, cards lost and duplicated, 429s; and
/// in the same run the previous design as the baseline: one card at a time per instance, each after its own sync, no
/// shared rate limit, measured on a sample and extrapolated to 10,000 users and two instances.
/// </summary>
internal static class FanOutBenchmark
{
    private static int Users => int.TryParse(Environment.GetEnvironmentVariable("GLUE_FANOUT_USERS"), out var n) ? n : 10_000;
    private const int BaselineSample = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(12);

    public static async Task<string> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GLUETEAMS_APP", Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App"));
        var users = Users;
        await using var graph = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Users = users + BaselineSample,
            Latency = TimeSpan.FromMilliseconds(30),
            ThrottleShare = 0.02,
            RetryAfterSeconds = 1,
            PageSize = 10,
        }, TestClock.Shared);
        await using var simulator = await ConnectorSimulatorHost.StartAsync(new SimulatedConnector(time: TestClock.Shared)
        {
            Latency = TimeSpan.FromMilliseconds(30),
            ThrottleShare = 0.02,
            RetryAfterSeconds = 1,
            TenantRateLimit = 50,
        });
        var connector = simulator.Connector;
        var storage = Azurite.NewStorageOptions();
        var tables = new GlueTables(storage);
        await tables.EnsureCreatedAsync();
        var settings = SimulatedGraph.AppSettings(graph, new Dictionary<string, string?>
        {
            ["Bot:CardPollInterval"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Error",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Error",
        });
        var org = graph.Tenant.Org;
        var fanOutUsers = org.Users.Take(users).ToList();
        var sampleUsers = org.Users.Skip(users).Take(BaselineSample).ToList();
        try
        {
            FanOutResult result;
            string storageTable;
            string loadAtDue, loadAtEnd;
            var counter = new StorageCounter();
            // Every storage request of both instances is counted by kind.
            void Counted(IServiceCollection services) => services.PostConfigure<StorageOptions>(options => options.Policies.Add(counter));
            await using (var first = new AppFactory(settings, storage, realConnector: true, services: Counted))
            await using (var second = new AppFactory(settings, storage, realConnector: true, services: Counted))
            {
                _ = first.Services; // starts the host: its scheduler and outbox worker
                _ = second.Services;
                // Everyone due in the same minute, far enough ahead for the seeding and the instances' first heartbeats.
                var due = TestClock.Shared.GetUtcNow().AddSeconds(40);
                await SeedAsync(tables, org, fanOutUsers, simulator.ServiceUrl, connector, due);
                counter.Reset();
                Console.WriteLine($"fan-out: {users:N0} users seeded, due at {due:HH:mm:ss}; waiting…");
                loadAtDue = LoadAverage();
                await WaitForCardsAsync(connector, new WorkQueue<GlueTeams.App.Outbox.OutboxMessage>(storage, "outbox"), fanOutUsers.Count, due);
                loadAtEnd = LoadAverage();
                var perConversation = connector.DeliveredPerConversation();
                var delivered = connector.Received.Where(r => r.IsDeliveredMessage).Select(r => r.At).ToList();
                result = new FanOutResult(
                    delivered.Max() - due,
                    delivered.Min() - due,
                    fanOutUsers.Count(u => perConversation.ContainsKey(Conversation(u))),
                    perConversation.Count(c => c.Value > 1),
                    connector.Throttled,
                    connector.RateLimited,
                    Timeline.Of(connector.Received, due));
                storageTable = counter.Table(users);
                Console.WriteLine(storageTable);
            }

            // The baseline on an instance of its own, once the fan-out's instances have stopped.
            await using var baselineApp = new AppFactory(settings, storage, realConnector: true);
            var perCard = await MeasureBaselineAsync(baselineApp, tables, org, sampleUsers, simulator.ServiceUrl, connector);
            var baselineWall = perCard * users / 2;
            var lost = users - result.Delivered;
            var summary = lost == 0
                ? string.Create(CultureInfo.InvariantCulture, $"fan-out: {users:N0} cards in {result.Wall.TotalSeconds:F0} s")
                : string.Create(CultureInfo.InvariantCulture, $"fan-out: {result.Delivered:N0} of {users:N0} cards in {result.Wall.TotalSeconds:F0} s, {lost:N0} not delivered {Timeout.TotalMinutes:F0} min after due");

            return string.Create(CultureInfo.InvariantCulture, $"""
                ### fan-out: the weekly card to {users:N0} users due in the same minute

                Two app instances in this process sharing Azurite; the Bot Connector simulator at 50 requests/s per tenant, 30 ms per request, 2% 429 (Retry-After 1 s); the Graph simulator at 30 ms and 2% 429.

                Load average (1, 5, 15 min) of the shared 2-core machine when the cards were due: {loadAtDue}; when the last arrived: {loadAtEnd}.

                | design | wall time from due to last card | users who got their card | lost (not delivered {Timeout.TotalMinutes:F0} min after due) | users who got it twice | connector 429s |
                | --- | ---: | ---: | ---: | ---: | ---: |
                | outbox, leased schedule, $batch pre-sync, 50/s shared by the instances | {result.Wall.TotalSeconds:F1} s | {result.Delivered:N0} | {lost:N0} | {result.Duplicates:N0} | {result.Throttled:N0} |
                | baseline: the previous design, one card at a time per instance after its own sync, no shared limit (sample of {BaselineSample} users in turn: {perCard.TotalMilliseconds:F0} ms per card, extrapolated to {users:N0} users on 2 instances) | {baselineWall.TotalSeconds:F0} s | | | | |

                {summary} (target ≤ 220 s; the floor at 50 requests/s is {users / 50.0:F0} s); {result.Wall.TotalSeconds / Math.Max(1, baselineWall.TotalSeconds) * 100:F0}% of the baseline's wall time.

                From due to the first card: {result.FirstCard.TotalSeconds:F1} s (cards were due over the 20 s after due); then {(users - 1) / Math.Max(0.001, (result.Wall - result.FirstCard).TotalSeconds):F1} cards/s to the last.
                Connector 429s by cause: {result.RateLimited:N0} from the simulator's enforced 50 requests/s per tenant, {result.Throttled - result.RateLimited:N0} from its random 2% share.
                The simulator counts its limit in whole seconds of its clock: the busiest second had {result.Timeline.BusiestSecond} requests; {result.Timeline.SecondsOverLimit} seconds had more than 50.

                Per 10 s after due (the column is its start, in s):

                | s after due | {result.Timeline.Header} |
                | --- |{string.Concat(result.Timeline.CardsPer10s.Select(_ => " ---: |"))}
                | cards delivered | {Timeline.Row(result.Timeline.CardsPer10s)} |
                | connector 429s | {Timeline.Row(result.Timeline.ThrottledPer10s)} |

                Storage requests of both instances during the fan-out (every try on the wire, by table or queue and kind):

                {storageTable}

                """);
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    /// <summary>The machine's load average as /proc/loadavg gives it (1, 5 and 15 minutes): other engineers' builds share these cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record FanOutResult(TimeSpan Wall, TimeSpan FirstCard, int Delivered, int Duplicates, long Throttled, long RateLimited, Timeline Timeline);

    /// <summary>
    /// What the connector simulator saw over time: cards delivered and 429s answered per 10 s after due, and the
    /// requests in its busiest one-second window (the window its 50/s limit counts in: each whole second of its clock).
    /// </summary>
    private sealed record Timeline(IReadOnlyList<int> CardsPer10s, IReadOnlyList<int> ThrottledPer10s, int BusiestSecond, int SecondsOverLimit)
    {
        public static Timeline Of(IReadOnlyCollection<ConnectorRequest> received, DateTimeOffset due)
        {
            var buckets = (int)Math.Ceiling((received.Max(r => r.At) - due).TotalSeconds / 10) + 1;
            int[] Per10s(Func<ConnectorRequest, bool> which)
            {
                var counts = new int[buckets];
                foreach (var request in received.Where(r => which(r) && r.At >= due))
                {
                    counts[(int)((request.At - due).TotalSeconds / 10)]++;
                }
                return counts;
            }
            var perSecond = received.Where(r => r.At >= due).GroupBy(r => r.At.ToUnixTimeSeconds()).Select(g => g.Count()).ToList();
            return new Timeline(Per10s(r => r.IsDeliveredMessage), Per10s(r => r.Status == 429), perSecond.Max(), perSecond.Count(n => n > 50));
        }

        public static string Row(IReadOnlyList<int> counts) => string.Join(" | ", counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)));

        public string Header => string.Join(" | ", CardsPer10s.Select((_, i) => (i * 10).ToString(CultureInfo.InvariantCulture)));
    }

    private static string Conversation(SimulatedUser user) => "a:chat-" + user.Id;

    private static UserProfile Profile(SimulatedOrg org, SimulatedUser user, Uri serviceUrl) => SimulatedProfiles.For(org, user) with
    {
        TeamsUserId = "29:" + user.Id,
        Conversation = new ConversationReference(serviceUrl, Conversation(user), "28:bot"),
        CreatedAt = TestClock.Shared.GetUtcNow(),
    };

    private static async Task SeedAsync(GlueTables tables, SimulatedOrg org, List<SimulatedUser> users, Uri serviceUrl, SimulatedConnector connector, DateTimeOffset due)
    {
        await new UserStore(tables).UpsertManyAsync(users.Select(u => Profile(org, u, serviceUrl)));
        var schedule = new CardScheduleStore(tables);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
        {
            connector.AddConversation(Conversation(user), SimulatedOrg.TenantId);
            await schedule.ScheduleAsync(SimulatedOrg.TenantId, user.Id, due.AddSeconds(Random.Shared.Next(0, 20)), cancellationToken: ct);
        });
    }

    /// <summary>Waits for every card, printing every 10 s how many arrived and how many wait on the outbox (which side is behind).</summary>
    private static async Task WaitForCardsAsync(SimulatedConnector connector, WorkQueue<GlueTeams.App.Outbox.OutboxMessage> outbox, int expected, DateTimeOffset due)
    {
        var deadline = due + Timeout;
        while (TestClock.Shared.GetUtcNow() < deadline)
        {
            var delivered = connector.DeliveredPerConversation().Count;
            if (delivered >= expected)
            {
                break;
            }
            var waiting = await outbox.ApproximateCountAsync();
            Console.WriteLine($"fan-out: {delivered:N0} delivered after {(TestClock.Shared.GetUtcNow() - due).TotalSeconds:F0} s; {waiting:N0} on the outbox");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        await Task.Delay(TimeSpan.FromSeconds(10)); // anything sent twice shows up now
    }

    /// <summary>The previous design, user after user: sync this user's week alone, build the card, send it at once.</summary>
    private static async Task<TimeSpan> MeasureBaselineAsync(AppFactory app, GlueTables tables, SimulatedOrg org, List<SimulatedUser> sample, Uri serviceUrl,
        SimulatedConnector connector)
    {
        var profiles = sample.Select(u => Profile(org, u, serviceUrl)).ToList();
        await new UserStore(tables).UpsertManyAsync(profiles);
        connector.TenantRateLimit = 0; // it had no shared limit: measure it unthrottled (in its favour)
        await using var scope = app.Services.CreateAsyncScope();
        var sync = scope.ServiceProvider.GetRequiredService<WeekSync>();
        var weeks = scope.ServiceProvider.GetRequiredService<WeekCards>();
        var client = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
        var stopwatch = Stopwatch.StartNew();
        foreach (var profile in profiles)
        {
            var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), profile.TimeZone);
            await sync.SyncAsync([profile], week);
            var card = await weeks.BuildAsync(profile, profile.TeamsUserId!, week, 0, null, CancellationToken.None);
            await client.SendAsync(profile.TenantId, serviceUrl, profile.Conversation!.ConversationId, GlueTeams.Teams.Activities.Activity.CardMessage(card), CancellationToken.None);
        }
        return stopwatch.Elapsed / profiles.Count;
    }
}
