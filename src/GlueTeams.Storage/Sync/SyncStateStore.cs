using Azure.Data.Tables;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Sync;

/// <summary>Where one user's sync of one week stands: the Graph delta link for the next run, and whether it must run again.</summary>
public sealed record SyncState(
    string TenantId,
    string UserId,
    IsoWeek Week,
    string? DeltaLink,
    DateTimeOffset? LastSyncedAt,
    bool NeedsResync,
    string? LastError);

/// <summary>Sync state, partitioned like the records (tenant + user), one row per week.</summary>
public sealed class SyncStateStore(GlueTables tables)
{
    private readonly TableClient _table = tables.SyncState;

    public async Task<SyncState?> GetAsync(string tenantId, string userId, IsoWeek week, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.UserPartition(tenantId, userId), week.ToString(), cancellationToken: cancellationToken);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    public async Task PutAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(TableKeys.UserPartition(state.TenantId, state.UserId), state.Week.ToString())
        {
            ["Tenant"] = state.TenantId,
            ["User"] = state.UserId,
            ["DeltaLink"] = state.DeltaLink,
            ["LastSyncedAt"] = state.LastSyncedAt,
            ["NeedsResync"] = state.NeedsResync,
            ["LastError"] = state.LastError,
        };
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Flags the week for another sync (a change notification arrived, or a sync failed with <paramref name="error"/>)
    /// without losing its delta link.
    /// </summary>
    public async Task MarkForResyncAsync(string tenantId, string userId, IsoWeek week, string? error = null, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), week.ToString())
        {
            ["Tenant"] = tenantId,
            ["User"] = userId,
            ["NeedsResync"] = true,
        };
        if (error is not null)
        {
            entity["LastError"] = error.Length <= 1000 ? error : error[..1000];
        }
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records a successful sync in one write, keeping the stored delta link unless a new one is given.</summary>
    public async Task RecordSyncedAsync(string tenantId, string userId, IsoWeek week, DateTimeOffset at, string? deltaLink = null, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), week.ToString())
        {
            ["Tenant"] = tenantId,
            ["User"] = userId,
            ["LastSyncedAt"] = at,
            ["NeedsResync"] = false,
            ["LastError"] = "", // a merge cannot remove a property: empty reads back as no error
        };
        if (deltaLink is not null)
        {
            entity["DeltaLink"] = deltaLink;
        }
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);

    private static SyncState ToState(TableEntity e) => new(
        e.GetString("Tenant"),
        e.GetString("User"),
        IsoWeek.Parse(e.RowKey),
        e.GetString("DeltaLink"),
        e.GetDateTimeOffset("LastSyncedAt"),
        e.GetBoolean("NeedsResync") ?? false,
        e.GetString("LastError") is { Length: > 0 } error ? error : null);
}
