using GlueTeams.App.Extensions;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Sync;

/// <summary>How long a taken item stays hidden from other instances: longer than one batch takes, short enough to recover soon.</summary>
public sealed record SyncWorkerOptions(TimeSpan Visibility)
{
    public static SyncWorkerOptions Default { get; } = new(TimeSpan.FromMinutes(2));
}

/// <summary>One user's week to sync: a work item on the shared queue. Re-sync asks for changes only (delta).</summary>
/// <param name="BackfillWeeks">
/// When above 0, the item stands for the <paramref name="BackfillWeeks"/> weeks before <paramref name="Week"/> (the
/// last quarter, at install): the worker turns it into one item per week, which sync as suggestions like any week.
/// </param>
public sealed record SyncWorkItem(string TenantId, string UserId, string Week, bool Resync = false, int BackfillWeeks = 0)
{
    /// <summary>How many weeks before the install week a new user's calendar is read: the last quarter.</summary>
    public const int QuarterWeeks = 12;

    public static SyncWorkItem Backfill(string tenantId, string userId, IsoWeek installWeek) =>
        new(tenantId, userId, installWeek.ToString(), BackfillWeeks: QuarterWeeks);
}

/// <summary>
/// Takes sync work items from the shared queue, as every running instance does, and syncs them 20 users to a Graph
/// $batch. An item is removed only after its user's week is stored; if this instance dies first, the item reappears
/// after its visibility timeout and another instance syncs it (the writes are idempotent). A failed item is retried
/// with back-off and, after <see cref="WorkQueue{T}.MaxDequeueCount"/> tries, set aside on the poison queue.
/// </summary>
public sealed class SyncWorker(WorkQueue<SyncWorkItem> queue, WeekSync sync, UserStore users, SyncStateStore syncStates, SyncWorkerOptions options, ILogger<SyncWorker> logger)
{
    /// <summary>Raised for every user finished, successfully or not (progress for the CLI).</summary>
    public event Action<UserSyncResult>? UserFinished;

    /// <summary>Takes and processes up to 32 items. Returns how many it took (0: the queue looked empty).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var items = await queue.ReceiveAsync(32, options.Visibility, cancellationToken);
        foreach (var backfill in items.Where(i => i.Payload.BackfillWeeks > 0))
        {
            await ExpandAsync(backfill, cancellationToken);
        }
        foreach (var group in items.Where(i => i.Payload.BackfillWeeks <= 0).GroupBy(i => (i.Payload.Week, i.Payload.Resync)))
        {
            if (!IsoWeek.TryParse(group.Key.Week, out var week))
            {
                foreach (var bad in group)
                {
                    logger.LogWarning("Dropping a sync item with an unreadable week.");
                    await queue.CompleteAsync(bad, cancellationToken);
                }
                continue;
            }
            await ProcessAsync(group.ToList(), week, group.Key.Resync, cancellationToken);
        }
        return items.Count;
    }

    /// <summary>
    /// A new user's last quarter: one item per week, oldest last, so that the worker syncs each week 20 users to a
    /// $batch with the other users' items of that week. If this instance dies between the enqueues and the completion,
    /// the backfill item comes back and queues the weeks again; syncing a week twice changes nothing.
    /// </summary>
    private async Task ExpandAsync(WorkItem<SyncWorkItem> item, CancellationToken cancellationToken)
    {
        var backfill = item.Payload;
        if (IsoWeek.TryParse(backfill.Week, out var installWeek))
        {
            for (var i = 1; i <= Math.Min(backfill.BackfillWeeks, SyncWorkItem.QuarterWeeks); i++)
            {
                await queue.EnqueueAsync(backfill with { Week = installWeek.AddWeeks(-i).ToString(), BackfillWeeks = 0, Resync = false }, cancellationToken);
            }
        }
        await queue.CompleteAsync(item, cancellationToken);
    }

    private async Task ProcessAsync(List<WorkItem<SyncWorkItem>> items, IsoWeek week, bool resync, CancellationToken cancellationToken)
    {
        var profiles = new List<(WorkItem<SyncWorkItem> Item, UserProfile Profile)>();
        foreach (var item in items)
        {
            var profile = await users.GetAsync(item.Payload.TenantId, item.Payload.UserId, cancellationToken);
            if (profile is null || !profile.OptedIn)
            {
                await queue.CompleteAsync(item, cancellationToken); // uninstalled or erased since it was queued: nothing to do
                continue;
            }
            profiles.Add((item, profile));
        }
        IReadOnlyList<UserSyncResult> results;
        try
        {
            results = resync
                ? await Task.WhenAll(profiles.Select(p => sync.ResyncAsync(p.Profile, week, cancellationToken)))
                : await sync.SyncAsync(profiles.Select(p => p.Profile).ToList(), week, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Syncing {Count} users failed; their items will be retried.", profiles.Count);
            results = profiles.Select(p => new UserSyncResult(p.Profile.TenantId, p.Profile.UserId, week, 0, e.Message)).ToList();
        }
        for (var i = 0; i < profiles.Count; i++)
        {
            var (item, profile) = profiles[i];
            var result = results[i];
            if (result.Succeeded)
            {
                GlueMetrics.UsersSynced.Add(1);
                await queue.CompleteAsync(item, cancellationToken);
            }
            else
            {
                GlueMetrics.UsersFailed.Add(1);
                await syncStates.MarkForResyncAsync(profile.TenantId, profile.UserId, week, result.Error, cancellationToken);
                await queue.RetryLaterAsync(item, TimeSpan.FromSeconds(Math.Min(60, 5 * item.DequeueCount)), cancellationToken);
            }
            UserFinished?.Invoke(result);
        }
    }
}

/// <summary>Runs a <see cref="SyncWorker"/> for the life of the app: every instance consumes the shared queue.</summary>
public sealed class SyncWorkerService(SyncWorker worker, TimeProvider time, ILogger<SyncWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await worker.RunOnceAsync(stoppingToken) == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The sync worker failed a round; it goes on.");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }
}
