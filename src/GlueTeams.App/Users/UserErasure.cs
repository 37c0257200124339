using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Users;

/// <summary>
/// "Delete my data", complete and final: the tombstone first, then the Graph subscriptions are ended at Graph, the
/// user's sync items taken off the queue, and every row about them deleted (<see cref="UserDataEraser"/>).
/// </summary>
/// <param name="subscriptions">Graph subscriptions, when Graph is configured.</param>
/// <param name="syncQueue">The sync queue, when Graph is configured.</param>
public sealed partial class UserErasure(UserDataEraser eraser, ErasureTombstones tombstones, ILogger<UserErasure> logger,
    SubscriptionManager? subscriptions = null, WorkQueue<SyncWorkItem>? syncQueue = null)
{
    public async Task<ErasureCounts> EraseAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await tombstones.MarkAsync(tenantId, userId, cancellationToken);
        if (subscriptions is not null)
        {
            try
            {
                await subscriptions.EndForUserAsync(tenantId, userId, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or Microsoft.Kiota.Abstractions.ApiException)
            {
                // The row goes anyway: a notification for it is then ignored, and Graph drops it when it expires.
                LogEndFailed(logger, e);
            }
        }
        var queued = syncQueue is null ? 0 : await syncQueue.RemoveWhereAsync(i => i.TenantId == tenantId && i.UserId == userId, cancellationToken);
        return await eraser.EraseAsync(tenantId, userId, cancellationToken) with { QueueItems = queued };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending an erased user's Graph subscription failed; it expires on its own and is ignored until then.")]
    private static partial void LogEndFailed(ILogger logger, Exception exception);
}

/// <summary>
/// The tombstone check for work that writes a user's data: before writing (refuse) and after (a write that raced the
/// erasure is undone). Because the erasure sets the tombstone before it deletes, a write either happened before the
/// erasure's delete (which removes it) or is followed by a check that sees the tombstone (which removes it here).
/// </summary>
public sealed class ErasureGuard(ErasureTombstones tombstones, ActivityStore activities, SyncStateStore syncStates)
{
    public Task<bool> IsErasedAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        tombstones.IsErasedAsync(tenantId, userId, cancellationToken);

    /// <summary>After a write: if the user was erased meanwhile, removes their records and sync states again. True when it did.</summary>
    public async Task<bool> UndoIfErasedAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        if (!await tombstones.IsErasedAsync(tenantId, userId, cancellationToken))
        {
            return false;
        }
        await UndoAsync(tenantId, userId, cancellationToken);
        return true;
    }

    /// <summary>After writes for many users of one tenant: the same, with one tombstone query for all of them. Returns those erased.</summary>
    public async Task<IReadOnlySet<string>> UndoErasedAmongAsync(string tenantId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var erased = await tombstones.ErasedAmongAsync(tenantId, userIds, cancellationToken);
        foreach (var userId in erased)
        {
            await UndoAsync(tenantId, userId, cancellationToken);
        }
        return erased;
    }

    private async Task UndoAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await activities.DeleteAllAsync(tenantId, userId, cancellationToken);
        await syncStates.DeleteAllAsync(tenantId, userId, cancellationToken);
    }
}
