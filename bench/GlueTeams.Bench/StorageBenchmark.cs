using System.Diagnostics;
using System.Globalization;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;

namespace GlueTeams.Bench;

/// <summary>10,000 record upserts into Azurite: one request each (the baseline) against transactions of 100.</summary>
internal static class StorageBenchmark
{
    private const int Records = 10_000;
    private const int Users = 100;

    public static async Task<string> RunAsync()
    {
        var records = MakeRecords();
        // Warm up connections and JIT on a throwaway table set, so neither side pays for it.
        await MeasureAsync(records.Take(300).ToList(), WritePath.Single);
        await MeasureAsync(records.Take(300).ToList(), WritePath.Transactions);

        var single = await MeasureAsync(records, WritePath.Single);
        var batched = await MeasureAsync(records, WritePath.Transactions);
        var parallel = await MeasureAsync(records, WritePath.ParallelTransactions);
        var singleRate = Records / single.TotalSeconds;
        var batchedRate = Records / batched.TotalSeconds;
        var parallelRate = Records / parallel.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"""
            ### Storage: {Records:N0} activity-record upserts into Azurite ({Users} users × {Records / Users} records)

            | write path | wall time | records/s |
            | --- | ---: | ---: |
            | one upsert per record (baseline) | {single.TotalSeconds:F2} s | {singleRate:N0} |
            | transactions of ≤ 100, one partition each, one at a time | {batched.TotalSeconds:F2} s | {batchedRate:N0} |
            | the same transactions, {Parallelism} partitions in flight (as the sync writes users) | {parallel.TotalSeconds:F2} s | {parallelRate:N0} |

            Transactions are **{batchedRate / singleRate:F1}×** the single-upsert rate one at a time, and **{parallelRate / singleRate:F1}×** with {Parallelism} partitions in flight (target ≥ 5×).

            """);
    }

    private const int Parallelism = 4;

    private enum WritePath { Single, Transactions, ParallelTransactions }

    private static async Task<TimeSpan> MeasureAsync(IReadOnlyList<ActivityRecord> records, WritePath path)
    {
        var tables = new GlueTables(Azurite.NewStorageOptions());
        await tables.EnsureCreatedAsync();
        var store = new ActivityStore(tables);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var users = records.GroupBy(r => r.UserId).Select(g => g.ToList()).ToList();
            switch (path)
            {
                case WritePath.Single:
                    foreach (var record in records)
                    {
                        await store.UpsertObservedAsync(record);
                    }
                    break;
                case WritePath.Transactions:
                    foreach (var user in users)
                    {
                        await store.UpsertObservedAsync(user);
                    }
                    break;
                case WritePath.ParallelTransactions:
                    await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                        async (user, token) => await store.UpsertObservedAsync(user, token));
                    break;
            }
            return stopwatch.Elapsed;
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    private static List<ActivityRecord> MakeRecords()
    {
        var monday = new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, Records).Select(i => new ActivityRecord
        {
            TenantId = "00000000-0000-0000-0000-0000000000001",
            UserId = $"user-{i % Users:D4}",
            EventKey = $"040000008200E00074C5B7101A82E0080000000{i:D8}",
            SeriesId = $"series-{i % 7}",
            Week = new IsoWeek(2026, 47),
            Start = monday.AddMinutes(30 * (i / Users)),
            End = monday.AddMinutes(30 * (i / Users) + 30),
            Title = $"Design review: service {i % 13}",
            AttendeeCount = 1 + i % 9,
            Suggestion = new Suggestion("design-review", 0.8, "Title mentions a design review"),
        }).ToList();
    }
}
