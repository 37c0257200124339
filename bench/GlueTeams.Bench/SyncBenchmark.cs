using System.Diagnostics;
using System.Globalization;
using GlueTeams.App.Sync;
using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Calendars;
using GlueTeams.Simulator;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;

namespace GlueTeams.Bench;

/// <summary>
/// Syncs a week of 1,000 and 10,000 simulated users from the simulated Graph (30 ms per request, 2% 429s) into Azurite,
/// and, in the same run, a naive baseline at 1,000 users: one calendarView per user in turn, one entity per write.
/// For profiling one size alone: GLUE_SYNC_PROBE=N (prints one row and the process's CPU time, appends nothing useful
/// to compare), with GLUE_SYNC_READONLY=1 to read the calendars without storing them.
/// </summary>
internal static class SyncBenchmark
{
    private static readonly IsoWeek Week = new(2026, 47);
    private const int UsersPerChunk = 100;
    private const int ChunksInFlight = 4;

    public static async Task<string> RunAsync()
    {
        if (Environment.GetEnvironmentVariable("GLUE_SYNC_PROBE") is { } probe)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var m = await MeasureAsync(int.Parse(probe, CultureInfo.InvariantCulture), naive: false);
            return Row("probe", int.Parse(probe, CultureInfo.InvariantCulture), m) + $" cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s";
        }
        var rows = new List<string>();
        // Warm-up, not reported: both paths JIT-compiled and their pools filled before anything is timed.
        await MeasureAsync(200, naive: false);
        await MeasureAsync(50, naive: true);
        var small = await MeasureAsync(1_000, naive: false);
        var large = await MeasureAsync(10_000, naive: false);
        var naive = await MeasureAsync(1_000, naive: true);
        rows.Add(Row("batched sync", 1_000, small));
        rows.Add(Row("batched sync", 10_000, large));
        rows.Add(Row("naive baseline: calendarView per user in turn, one entity per write", 1_000, naive));
        return string.Create(CultureInfo.InvariantCulture, $"""
            ### Sync: simulated Graph (30 ms per request, 2% 429 with Retry-After 1 s) into Azurite

            | path | users | wall time | Graph HTTP requests/user | throttled retries | records | table writes/s | peak working set |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            {string.Join("\n", rows)}

            At 1,000 users the batched sync is **{naive.Elapsed.TotalSeconds / small.Elapsed.TotalSeconds:F1}×** faster than the naive baseline (target ≥ 10×); 10,000 users took {large.Elapsed.TotalSeconds:F0} s (target < 120 s).
            Graph requests count every HTTP request on the wire (batches, retries; the client asks for pages of 100, so a ~25-event week is one page, one step of a 20-step $batch). Table writes/s counts stored records over wall time.
            Peak working set is the whole process, the in-process simulator and its generated calendars included.

            """);
    }

    private sealed record Measurement(TimeSpan Elapsed, long Requests, long Throttled, long Records, long PeakWorkingSet);

    private static string Row(string path, int users, Measurement m) => string.Create(CultureInfo.InvariantCulture,
        $"| {path} | {users:N0} | {m.Elapsed.TotalSeconds:F1} s | {(double)m.Requests / users:F3} | {m.Throttled:N0} | {m.Records:N0} | {m.Records / m.Elapsed.TotalSeconds:N0} | {m.PeakWorkingSet / (1 << 20):N0} MiB |");

    private static async Task<Measurement> MeasureAsync(int userCount, bool naive)
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatorOptions
        {
            Users = userCount,
            Latency = TimeSpan.FromMilliseconds(30),
            ThrottleShare = 0.02,
            RetryAfterSeconds = 1,
            PageSize = 10,
        });
        var tables = new GlueTables(Azurite.NewStorageOptions());
        await tables.EnsureCreatedAsync();
        try
        {
            var org = graph.Tenant.Org;
            var profiles = org.Users.Select(u => SimulatedProfiles.For(org, u)).ToList();
            await new UserStore(tables).UpsertManyAsync(profiles);
            var activities = new ActivityStore(tables);
            var syncStates = new SyncStateStore(tables);
            var tenants = new GlueTeams.App.Tenants.TenantAccess(new GlueTeams.App.Tenants.TenancyOptions(), new GlueTeams.Storage.Tenants.TenantRegistry(tables, TimeProvider.System),
                new ErasureTombstones(tables, TimeProvider.System),
                new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), graph.Clients);
            var sync = new WeekSync(tenants, activities, syncStates, TimeProvider.System,
                new GlueTeams.App.Users.ErasureGuard(new ErasureTombstones(tables, TimeProvider.System), activities, syncStates));
            var (requestsBefore, throttledBefore) = (graph.Counters.RequestsSent, graph.Counters.ThrottledRetries);
            var stopwatch = Stopwatch.StartNew();
            long records = 0;
            if (Environment.GetEnvironmentVariable("GLUE_SYNC_READONLY") is not null)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                await Parallel.ForEachAsync(profiles.Chunk(UsersPerChunk), new ParallelOptions { MaxDegreeOfParallelism = ChunksInFlight }, async (chunk, ct) =>
                {
                    var read = await graph.Calendars.ReadWeeksAsync(chunk.Select(p => new WeekRequest(p.UserId, Week, p.TimeZone)).ToList(), ct);
                    Interlocked.Add(ref records, read.Sum(r => r.Events.Count));
                });
                Console.WriteLine($"read-only: {stopwatch.Elapsed.TotalSeconds:F1} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F1} s");
            }
            else if (naive)
            {
                foreach (var profile in profiles)
                {
                    records += await NaiveSyncAsync(graph.Calendars, activities, profile);
                }
            }
            else
            {
                await Parallel.ForEachAsync(profiles.Chunk(UsersPerChunk), new ParallelOptions { MaxDegreeOfParallelism = ChunksInFlight }, async (chunk, ct) =>
                {
                    var results = await sync.SyncAsync(chunk, Week, ct);
                    var failed = results.FirstOrDefault(r => !r.Succeeded);
                    if (failed is not null)
                    {
                        throw new InvalidOperationException($"{failed.UserId} failed: {failed.Error}");
                    }
                    Interlocked.Add(ref records, results.Sum(r => r.Records));
                });
            }
            var elapsed = stopwatch.Elapsed;
            return new Measurement(elapsed, graph.Counters.RequestsSent - requestsBefore, graph.Counters.ThrottledRetries - throttledBefore, records, Process.GetCurrentProcess().PeakWorkingSet64);
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    private static async Task<int> NaiveSyncAsync(CalendarReader calendars, ActivityStore activities, UserProfile profile)
    {
        var events = await calendars.ReadWeekAsync(new WeekRequest(profile.UserId, Week, profile.TimeZone));
        var owner = new CalendarOwner(profile.TenantId, profile.UserId, profile.TimeZone, profile.SharingDefault);
        var context = SuggestionContext.Cold(profile.UserPrincipalName ?? "", profile.ManagerUserPrincipalName);
        var count = 0;
        foreach (var record in events.Select(e => CalendarIngestion.ToRecord(e, owner, context, DateTimeOffset.UtcNow)).OfType<ActivityRecord>().Where(r => r.Week == Week))
        {
            await activities.UpsertObservedAsync(record);
            count++;
        }
        return count;
    }
}
