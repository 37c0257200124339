using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GlueTeams.App.Extensions;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Connector;

namespace GlueTeams.App.Outbox;

/// <summary>What became of one outbox message in one try.</summary>
public enum OutboxOutcome
{
    Sent,
    /// <summary>Another queue item with the same key was sent, or is being sent: a duplicated item, now removed.</summary>
    AlreadySent,
    /// <summary>Not to be sent any more: the user uninstalled, erased their data, paused, or is unreachable.</summary>
    Dropped,
    /// <summary>Teams answered 403/404: the profile is marked unreachable and the message dropped.</summary>
    Unreachable,
    RetryLater,
    Poisoned,
}

/// <summary>Counts of what the outbox did; never names, ids or texts.</summary>
internal static class OutboxMetrics
{
    private static readonly Meter s_meter = new(GlueMetrics.MeterName);

    public static readonly Counter<long> Outcomes = s_meter.CreateCounter<long>("glueteams.outbox.messages", description: "Outbox messages by outcome and kind");
    public static readonly Counter<long> Poisoned = s_meter.CreateCounter<long>("glueteams.outbox.poisoned", description: "Outbox messages given up after the last try");
}

/// <summary>
/// Sends the messages on the outbox queue, as every running instance does. Before sending it re-reads the profile
/// (an uninstalled or erased user gets nothing, and nothing is recreated) and claims the message's key for its queue
/// item (an insert-if-absent, so a second item with the same key is a no-op). A transient failure makes the
/// item visible again after a jittered exponential back-off or the connector's Retry-After (capped); 403/404 marks
/// the user unreachable and drops it; after <see cref="OutboxOptions.MaxTries"/> tries it goes to the poison queue.
/// </summary>
public sealed partial class OutboxWorker(WorkQueue<OutboxMessage> queue, UserStore users, ClaimStore claims, ErasureTombstones tombstones,
    ConnectorClient connector, OutboxOptions options, ILogger<OutboxWorker> logger)
{
    /// <summary>
    /// Takes as many messages as it sends at once (at most 32) and sends them; returns how many it took (0: the queue
    /// looked empty). Taking no more than it can start keeps a taken message from waiting out its visibility here while
    /// another instance could have sent it. Stopping
    /// (<paramref name="cancellationToken"/>) stops taking, but messages taken are finished (each call is bounded by the
    /// connector's timeouts), so that an instance shutting down does not leave a sent message without its marker.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var items = await queue.ReceiveAsync(Math.Min(32, options.Parallelism), options.Visibility, cancellationToken);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
            async (item, _) => await ProcessAsync(item, CancellationToken.None));
        return items.Count;
    }

    /// <summary>Sends one taken message, then completes it, retries it later or sets it aside.</summary>
    internal async Task<OutboxOutcome> ProcessAsync(WorkItem<OutboxMessage> item, CancellationToken cancellationToken)
    {
        OutboxOutcome outcome;
        ConnectorResult<ResourceResponse>? result = null;
        try
        {
            (outcome, result) = await TrySendAsync(item.Payload, item.MessageId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // storage unreachable for a moment, and the like: the item comes back
            LogFailed(logger, item.Payload.Kind, e.GetType().Name);
            outcome = OutboxOutcome.RetryLater;
        }
        if (outcome == OutboxOutcome.RetryLater && item.DequeueCount >= options.MaxTries)
        {
            outcome = OutboxOutcome.Poisoned;
        }
        try
        {
            switch (outcome)
            {
                case OutboxOutcome.RetryLater:
                    await queue.RetryLaterAsync(item, Delay((int)item.DequeueCount, result?.RetryAfter), cancellationToken);
                    break;
                case OutboxOutcome.Poisoned:
                    OutboxMetrics.Poisoned.Add(1, new KeyValuePair<string, object?>("kind", item.Payload.Kind.ToString()));
                    LogPoisoned(logger, item.Payload.Kind, (int)item.DequeueCount, (int?)result?.Status, result?.Failure);
                    await queue.MoveToPoisonAsync(item, cancellationToken);
                    break;
                default:
                    await queue.CompleteAsync(item, cancellationToken);
                    break;
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // the queue did not answer: the item reappears when its visibility ends, and the sent-marker keeps it from going twice
            LogFailed(logger, item.Payload.Kind, e.GetType().Name);
        }
        OutboxMetrics.Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()), new KeyValuePair<string, object?>("kind", item.Payload.Kind.ToString()));
        return outcome;
    }

    private async Task<(OutboxOutcome, ConnectorResult<ResourceResponse>?)> TrySendAsync(OutboxMessage message, string itemId, CancellationToken cancellationToken)
    {
        var profile = await users.GetAsync(message.TenantId, message.UserId, cancellationToken);
        if (profile is not { Installed: true, Unreachable: false } || (message.Kind == OutboxKind.Weekly && !profile.ShouldReceiveCards))
        {
            return (OutboxOutcome.Dropped, null);
        }
        // One send per key: the first queue item to claim it sends it. Its own later tries (same item id) may go on; any
        // other item with the key (queued twice: a re-taken weekly entry, a turn re-run after its reply was queued) is
        // dropped. The claim is written before the send, so it costs one insert, and a second read only when it exists.
        var sentKey = MessageOutbox.SentKey(message.Key);
        if (!await claims.TryClaimAsync(message.TenantId, message.UserId, sentKey, itemId, cancellationToken)
            && await claims.HolderAsync(message.TenantId, message.UserId, sentKey, cancellationToken) is { } holder && holder != itemId)
        {
            return (OutboxOutcome.AlreadySent, null);
        }
        // The claim is a row about the user: if "delete my data" ran since the profile was read, it may have come after
        // the erasure's delete. The erasure marks its tombstone first, so looking now sees it; then undo and send nothing.
        if (await tombstones.IsErasedAsync(message.TenantId, message.UserId, cancellationToken))
        {
            await claims.DeleteAllAsync(message.TenantId, message.UserId, cancellationToken);
            return (OutboxOutcome.Dropped, null);
        }
        // The weekly card goes to the chat the profile names now (a reinstall may have moved it); a reply to where it was asked.
        var (serviceUrl, conversationId) = message.Kind == OutboxKind.Weekly && profile.Conversation is { } current
            ? (current.ServiceUrl, current.ConversationId)
            : (message.ServiceUrl, message.ConversationId);
        // Each try on the wire (the in-call retries too) waits for its slot in the tenant's and the conversation's send rate.
        var result = message.ReplyToId is { Length: > 0 } replyTo
            ? await connector.ReplyAsync(message.TenantId, serviceUrl, conversationId, replyTo, message.Activity, cancellationToken)
            : await connector.SendAsync(message.TenantId, serviceUrl, conversationId, message.Activity, cancellationToken);
        if (result.IsOk)
        {
            return (OutboxOutcome.Sent, result);
        }
        if (result.IsPermanent)
        {
            LogUnreachable(logger, message.Kind, (int)result.Status!.Value);
            await users.MarkUnreachableAsync(message.TenantId, message.UserId, conversationId, cancellationToken);
            return (OutboxOutcome.Unreachable, result);
        }
        if (result.Failure == ConnectorFailure.ServiceUrlNotAllowed || (result.Status is { } status && (int)status is >= 400 and < 500
            && !ConnectorClient.IsTransient(status) && status != System.Net.HttpStatusCode.Unauthorized))
        {
            return (OutboxOutcome.Poisoned, result); // retrying the same request cannot help
        }
        return (OutboxOutcome.RetryLater, result);
    }

    /// <summary>
    /// The wait before try <paramref name="tries"/> + 1: the connector's Retry-After when it gave one (at most
    /// <see cref="OutboxOptions.MaxRetryAfter"/>), never less than a jittered exponential back-off (half to all of
    /// base × 2^(tries − 1), at most <see cref="OutboxOptions.MaxDelay"/>), so that many instances do not retry in step.
    /// </summary>
    internal TimeSpan Delay(int tries, TimeSpan? retryAfter)
    {
        var exponential = Math.Min(options.BaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, tries - 1)), options.MaxDelay.TotalSeconds);
        var backoff = TimeSpan.FromSeconds(exponential * (0.5 + Random.Shared.NextDouble() / 2));
        var asked = retryAfter is { } wait ? (wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait) : TimeSpan.Zero;
        return asked > backoff ? asked : backoff;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a {Kind} message failed ({Error}); it will be retried.")]
    private static partial void LogFailed(ILogger logger, OutboxKind kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams answered {Status} for a {Kind} message: the conversation is unreachable; the user is marked and the message dropped.")]
    private static partial void LogUnreachable(ILogger logger, OutboxKind kind, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up a {Kind} message after {Tries} tries (last status {Status}, {Failure}); it is on the poison queue.")]
    private static partial void LogPoisoned(ILogger logger, OutboxKind kind, int tries, int? status, ConnectorFailure? failure);
}

/// <summary>Runs the <see cref="OutboxWorker"/> for the life of the app; no failure of a round ends it.</summary>
/// <remarks>
/// Each round resolves the worker in a scope of its own: it holds the connector, a typed HttpClient. Every
/// <see cref="HeartbeatInterval"/> the instance records that it is alive and sets its share of the tenant send rate
/// to 50/s divided by the live instances.
/// </remarks>
public sealed partial class OutboxService(IServiceScopeFactory scopes, MessageOutbox outbox, WorkQueue<OutboxMessage> queue, InstanceRegistry instances,
    SendRateLimiter limiter, OutboxOptions options, TimeProvider time, ILogger<OutboxService> logger) : BackgroundService
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    /// <summary>An instance not heard of for this long is counted out of the shared rate.</summary>
    public static readonly TimeSpan HeartbeatTimeToLive = TimeSpan.FromSeconds(30);

    private readonly string _instanceId = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];
    private DateTimeOffset _nextHeartbeat = DateTimeOffset.MinValue;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(2)); // storage may be down: then the heartbeat ages out, and stopping must not wait for it
            await instances.RemoveAsync(_instanceId, quick.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            // its heartbeat simply ages out
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextHeartbeat)
        {
            return;
        }
        _nextHeartbeat = now + HeartbeatInterval;
        try
        {
            await instances.HeartbeatAsync(_instanceId, now, cancellationToken);
            limiter.ShareWith(await instances.LiveCountAsync(now, HeartbeatTimeToLive, cancellationToken));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // sending goes on at the share last known; the next heartbeat tries again
            LogRoundFailed(logger, e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.EnsureCreatedAsync(stoppingToken);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
            }
        }
        // Up to Parallelism messages are in hand at once; more are taken whenever half of them are done, so the rate
        // limiter always has sends waiting for its next slot and never idles while the queue holds work.
        using var slots = new SemaphoreSlim(options.Parallelism, options.Parallelism);
        var inFlight = new ConcurrentDictionary<Task, byte>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var held = 0;
                try
                {
                    await HeartbeatAsync(stoppingToken);
                    for (; held < Math.Max(1, options.Parallelism / 2); held++)
                    {
                        await slots.WaitAsync(stoppingToken);
                    }
                    while (held < Math.Min(32, options.Parallelism) && slots.Wait(0, CancellationToken.None))
                    {
                        held++;
                    }
                    var items = await queue.ReceiveAsync(held, options.Visibility, stoppingToken);
                    foreach (var item in items)
                    {
                        held--; // the slot goes with the send, which frees it when done; the finally below frees the rest
                        var sending = SendAsync(item, slots);
                        inFlight[sending] = 0;
                        _ = sending.ContinueWith(done => inFlight.TryRemove(done, out _), TaskScheduler.Default);
                    }
                    if (items.Count > 0)
                    {
                        idle = TimeSpan.FromMilliseconds(50);
                        continue;
                    }
                    await outbox.WaitForWorkAsync(idle, stoppingToken);
                    idle = idle * 2 > options.IdlePoll ? options.IdlePoll : idle * 2;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogRoundFailed(logger, e.GetType().Name);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                finally
                {
                    if (held > 0)
                    {
                        slots.Release(held);
                    }
                }
            }
        }
        finally
        {
            // Messages taken are finished (each send is bounded by the connector's timeouts), so that an instance
            // shutting down does not leave a sent message on the queue to be sent again.
            await Task.WhenAll(inFlight.Keys);
        }
    }

    /// <summary>Sends one taken message in a scope of its own (the worker holds the connector, a typed HttpClient), then frees its slot.</summary>
    private async Task SendAsync(WorkItem<OutboxMessage> item, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxWorker>().ProcessAsync(item, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogRoundFailed(logger, e.GetType().Name); // the item reappears when its visibility ends
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox round failed ({Error}); the worker goes on.")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
