using GlueTeams.App.Outbox;
using GlueTeams.App.Sync;
using GlueTeams.Graph;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Subscriptions;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Tenants;

/// <summary>
/// A tenant's offboarding, complete and final. The tenant's tombstone comes first, so that from then on every instance
/// refuses the tenant and every write path for its users refuses or undoes (the same guard as "delete my data"); then
/// its Graph subscriptions are ended at Graph with its own token, its queued work is taken off the queues, every row of
/// it in every table is deleted, and it leaves the registry. What stays is the tombstone: a hash of the tenant id and
/// the time, naming nobody, until its admin consents again. Running it again finishes an interrupted one.
/// </summary>
/// <param name="clients">Graph, when configured.</param>
/// <param name="syncQueue">The sync queue, when Graph is configured.</param>
/// <param name="outbox">The outbound message queue, when the bot runs.</param>
public sealed partial class TenantErasure(TenantRegistry registry, ErasureTombstones tombstones, TenantDataEraser eraser, SubscriptionStore subscriptions,
    TenantAccess tenants, TimeProvider time, ILogger<TenantErasure> logger, TenantGraphClients? clients = null, WorkQueue<SyncWorkItem>? syncQueue = null,
    WorkQueue<OutboxMessage>? outbox = null)
{
    public async Task<TenantErasureCounts> EraseAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await tombstones.MarkTenantAsync(tenantId, cancellationToken);
        await registry.MarkOffboardingAsync(tenantId, cancellationToken);
        var ended = await EndSubscriptionsAsync(tenantId, cancellationToken);
        tenants.Forget(tenantId);
        bool OfTenant(string id) => string.Equals(id, tenantId, StringComparison.OrdinalIgnoreCase);
        var queued = (syncQueue is null ? 0 : await syncQueue.RemoveWhereAsync(i => OfTenant(i.TenantId), cancellationToken))
                     + (outbox is null ? 0 : await outbox.RemoveWhereAsync(m => OfTenant(m.TenantId), cancellationToken));
        var counts = await eraser.EraseAsync(tenantId, cancellationToken) with { QueueItems = queued };
        await registry.RemoveAsync(tenantId, cancellationToken);
        LogOffboarded(logger, ended, counts);
        return counts;
    }

    /// <summary>How long an offboarding may be under way before the daily job takes it for interrupted.</summary>
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// Finishes offboardings that stopped half way (the instance died, storage failed): registrations still marked
    /// Offboarding for longer than <see cref="InterruptedAfter"/>. Returns how many it finished.
    /// </summary>
    public async Task<int> FinishInterruptedAsync(CancellationToken cancellationToken = default)
    {
        var finished = 0;
        foreach (var stuck in (await registry.ListAsync(cancellationToken))
                 .Where(r => r.Status == TenantStatus.Offboarding && time.GetUtcNow() - r.UpdatedAt > InterruptedAfter))
        {
            await EraseAsync(stuck.TenantId, cancellationToken);
            finished++;
        }
        return finished;
    }

    /// <summary>Ends the tenant's subscriptions at Graph (best effort: one that cannot be ended expires within 7 days, and its notifications are ignored).</summary>
    private async Task<int> EndSubscriptionsAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (clients is null)
        {
            return 0;
        }
        var ended = 0;
        var graph = clients.For(tenantId).Subscriptions;
        await foreach (var subscription in subscriptions.ListAsync(cancellationToken))
        {
            if (!string.Equals(subscription.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            try
            {
                await graph.DeleteAsync(subscription.SubscriptionId, cancellationToken);
                ended++;
            }
            catch (Exception e) when (e is HttpRequestException or Microsoft.Kiota.Abstractions.ApiException or Azure.Identity.AuthenticationFailedException
                                          or Microsoft.Identity.Client.MsalException)
            {
                LogEndFailed(logger, e.GetType().Name);
            }
        }
        return ended;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant was offboarded by its administrator: {Ended} Graph subscriptions ended; removed {Counts}.")]
    private static partial void LogOffboarded(ILogger logger, int ended, TenantErasureCounts counts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending an offboarded tenant's Graph subscription failed ({Exception}); it expires on its own and is ignored until then.")]
    private static partial void LogEndFailed(ILogger logger, string exception);
}
