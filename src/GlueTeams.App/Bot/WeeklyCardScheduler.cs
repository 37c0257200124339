using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Outbox;
using GlueTeams.App.Store;
using GlueTeams.App.Sync;
using GlueTeams.Core.Weeks;
using System.Collections.Concurrent;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>How often the due list is polled, and how long a taken entry stays with its taker: the "Bot" section's CardPollInterval and CardLease.</summary>
public sealed class WeeklyCardSchedulerOptions
{
    public const string Section = "Bot";

    public TimeSpan CardPollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan CardLease { get; set; } = CardScheduleStore.DefaultLease;

    public IEnumerable<string> Problems()
    {
        if (CardPollInterval <= TimeSpan.Zero)
        {
            yield return $"Bot:CardPollInterval {CardPollInterval} must be longer than zero.";
        }
        if (CardLease <= TimeSpan.Zero)
        {
            yield return $"Bot:CardLease {CardLease} must be longer than zero.";
        }
    }
}

/// <summary>
/// Puts each user's weekly card on the outbox at their local day and time. The due list lives in Table Storage, so a
/// restart loses nothing. Each due entry is leased by one instance (an ETag-guarded "taken until"), never deleted
/// before its card is on the outbox: any failure hands it back with a back-off, and an instance that dies simply lets
/// its lease run out. The next week's card is scheduled before this week's is built, whatever then happens to it.
/// Due users are synced from Graph together (20 to a $batch); a failed sync still sends what storage holds.
/// </summary>
internal sealed partial class WeeklyCardScheduler(IServiceScopeFactory scopes, CardScheduleStore schedule, WorkQueue<OutboxMessage> outboxQueue,
    WeeklyCardSchedulerOptions options, TimeProvider time, ILogger<WeeklyCardScheduler> logger) : BackgroundService
{
    /// <summary>
    /// How many messages may wait on the outbox before the scheduler takes more due cards: about 8 s of sending at
    /// Teams' ceiling, more than a batch takes to read, sync and queue. A fan-out then never buries a user's reply under
    /// minutes of weekly cards, and every queue operation stays cheap (a storage queue's cost grows with what it holds,
    /// on Azurite markedly: at 1,000 waiting, deleting a sent message took 264 ms on average).
    /// </summary>
    internal const int OutboxAhead = 400;
    private const int BatchSize = 100;
    /// <summary>
    /// The first batch of each group in a poll is small, so that the first cards of a fan-out are synced, built and on
    /// the outbox within a few seconds of due, while the later, larger batches keep the outbox fed.
    /// </summary>
    private const int FirstBatchSize = 20;
    /// <summary>Groups of due cards one instance takes and queues at once (see <see cref="SendDueAsync"/>).</summary>
    private const int ConcurrentGroups = 3;
    /// <summary>Storage calls made at once while taking a batch (Table Storage serves thousands a second; one instance should not hog Azurite).</summary>
    private const int StorageParallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first poll comes one interval after start, so that a starting instance is ready before it sends.
        using var timer = new PeriodicTimer(options.CardPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // storage unreachable, Graph or MSAL failing: the leases run out and the next tick tries again
                LogPollFailed(logger, e.GetType().Name, e);
            }
        }
    }

    /// <summary>
    /// Takes what is due now and queues the cards; returns how many cards were queued. Several groups of
    /// <see cref="BatchSize"/> are in hand at once, so that while one waits for Graph (a throttled step waits out its
    /// Retry-After) the others are read, built and queued, and the outbox never runs dry during a fan-out.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        await Task.WhenAll(Enumerable.Range(0, ConcurrentGroups).Select(async _ =>
        {
            for (var size = FirstBatchSize; ; size = BatchSize)
            {
                await WaitForOutboxRoomAsync(cancellationToken);
                var due = await schedule.TakeDueAsync(time.GetUtcNow(), size, lease: options.CardLease, cancellationToken: cancellationToken);
                Interlocked.Add(ref queued, await QueueAsync(due, cancellationToken));
                if (due.Count < size)
                {
                    break; // nothing more is due now
                }
            }
        }));
        return queued;
    }

    private async Task WaitForOutboxRoomAsync(CancellationToken cancellationToken)
    {
        while (await WaitingOnOutboxAsync(cancellationToken) > OutboxAhead)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }

    private async Task<int> WaitingOnOutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await outboxQueue.ApproximateCountAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0; // nothing was ever queued: the first message creates the queue
        }
    }

    /// <summary>The wait before a failed card is tried again: 1, 2, 4 … minutes, at most 30.</summary>
    internal static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, Math.Min(attempts, 5))));

    private async Task<int> QueueAsync(IReadOnlyList<DueCard> due, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserStore>();
        var tombstones = services.GetRequiredService<ErasureTombstones>();
        var registration = services.GetRequiredService<UserRegistration>();
        var ready = new ConcurrentBag<(DueCard Due, UserProfile Profile, IsoWeek Week)>();
        var next = new ConcurrentBag<(string TenantId, string UserId, DateTimeOffset DueAt)>();
        var done = new ConcurrentBag<DueCard>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = StorageParallelism, CancellationToken = cancellationToken };
        // The batch's profiles and tombstones are read together: one range query and one partition query per tenant.
        foreach (var tenant in due.GroupBy(c => c.TenantId, StringComparer.Ordinal))
        {
            try
            {
                var ids = tenant.Select(c => c.UserId).ToList();
                var profiles = await users.GetManyAsync(tenant.Key, ids, cancellationToken);
                // After "delete my data" nothing is sent or scheduled, even if a profile was recreated by mistake.
                var erased = await tombstones.ErasedAmongAsync(tenant.Key, ids, cancellationToken);
                foreach (var card in tenant)
                {
                    var profile = erased.Contains(card.UserId) ? null : profiles.GetValueOrDefault(card.UserId);
                    if (profile is { Installed: true, Unreachable: false })
                    {
                        next.Add((profile.TenantId, profile.UserId, registration.NextCard(profile)));
                    }
                    var week = profile is null ? default : IsoWeek.Containing(card.DueAt, profile.TimeZone);
                    if (profile is not { ShouldReceiveCards: true } || week != IsoWeek.Containing(time.GetUtcNow(), profile.TimeZone))
                    {
                        done.Add(card); // erased, uninstalled, paused, unreachable, or due in a week that is over: nothing to send for it
                        continue;
                    }
                    ready.Add((card, profile, week));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var card in tenant)
                {
                    await ReturnAsync(card, e, cancellationToken);
                }
            }
        }
        try
        {
            // Whatever happens to this week's card, the next one is due a week on: written before any entry is completed.
            await schedule.ScheduleManyAsync(next, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var card in ready.Select(r => r.Due).Concat(done))
            {
                await ReturnAsync(card, e, cancellationToken);
            }
            return 0;
        }
        var synced = await PresyncAsync(services.GetService<WeekSync>(), ready.Select(r => (r.Profile, r.Week)), cancellationToken);
        var links = services.GetRequiredService<StoreLinks>();
        var activities = services.GetRequiredService<ActivityStore>();
        var outbox = services.GetRequiredService<MessageOutbox>();
        var queued = 0;
        await Parallel.ForEachAsync(ready, parallel, async (entry, ct) =>
        {
            var (card, profile, week) = entry;
            try
            {
                // A failed sync shows the stored week and says so; Graph refusing for want of admin consent says that instead.
                var result = synced.GetValueOrDefault((profile.TenantId, profile.UserId));
                var notice = result is { Succeeded: false }
                    ? AdminConsent.IsDenied(result.GraphStatus) ? AdminConsent.Notice(links, profile.TenantId) : Notice.Error(CalendarUnreachable)
                    : null;
                // The week's first sync usually knows every row it holds; otherwise they are read (one range query).
                var records = result?.StoredWeek ?? await activities.ListAsync(profile.TenantId, profile.UserId, week, week, ct);
                var built = WeekCards.Build(profile, profile.TeamsUserId ?? profile.UserId, week, records, 0, notice);
                var conversation = profile.Conversation!;
                // Queued again after a lease ran out, the card still goes once: the outbox sends one message per key.
                await outbox.EnqueueAsync(new OutboxMessage(OutboxKind.Weekly, WeeklyKey(week), profile.TenantId, profile.UserId,
                    conversation.ServiceUrl, conversation.ConversationId, null, Activity.CardMessage(built)), ct);
                Interlocked.Increment(ref queued);
                done.Add(card);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await ReturnAsync(card, e, ct);
            }
        });
        try
        {
            await schedule.CompleteAsync(done, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // storage failed: the leases run out and the entries are taken again; their cards are on the outbox once per key
            LogQueueFailed(logger, e.GetType().Name, 0);
        }
        return queued;
    }

    internal static string WeeklyKey(IsoWeek week) => "weekly:" + week;

    internal const string CalendarUnreachable = "Couldn't reach your calendar: this card shows what was stored.";

    /// <summary>
    /// Brings the due users' weeks from Graph into storage, many users to a $batch. A failure leaves the stored week;
    /// returns each user's result (a failed one carries Graph's status when it answered: 403 is no admin consent).
    /// </summary>
    private async Task<Dictionary<(string TenantId, string UserId), UserSyncResult>> PresyncAsync(WeekSync? sync, IEnumerable<(UserProfile Profile, IsoWeek Week)> users, CancellationToken cancellationToken)
    {
        var results = new Dictionary<(string, string), UserSyncResult>();
        if (sync is null)
        {
            return results;
        }
        foreach (var group in users.GroupBy(u => u.Week))
        {
            try
            {
                var synced = await sync.SyncAsync([.. group.Select(u => u.Profile)], group.Key, cancellationToken);
                foreach (var result in synced)
                {
                    results[(result.TenantId, result.UserId)] = result;
                }
                if (synced.Count(r => !r.Succeeded) is var failed and > 0)
                {
                    LogSyncFailed(logger, failed, synced.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var (profile, week) in group)
                {
                    results[(profile.TenantId, profile.UserId)] = new UserSyncResult(profile.TenantId, profile.UserId, week, 0, e.GetType().Name);
                }
                LogSyncFailed(logger, group.Count(), group.Count(), e);
            }
        }
        return results;
    }

    private async Task ReturnAsync(DueCard card, Exception error, CancellationToken cancellationToken)
    {
        LogQueueFailed(logger, error.GetType().Name, card.Attempts + 1);
        try
        {
            await schedule.ReturnAsync(card, time.GetUtcNow() + RetryDelay(card.Attempts), cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // storage is what failed: the lease runs out by itself
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the weekly card schedule failed ({Error}); retrying at the next tick.")]
    private static partial void LogPollFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queuing a weekly card failed ({Error}, attempt {Attempt}); it is due again after a back-off.")]
    private static partial void LogQueueFailed(ILogger logger, string error, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syncing {Failed} of {Count} due users' weeks failed; their cards show what is stored.")]
    private static partial void LogSyncFailed(ILogger logger, int failed, int count, Exception? exception = null);
}
