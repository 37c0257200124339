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
    string? LastError)
{
    /// <summary>The record ids the last full sync of the week wrote (null when unknown): what can vanish at the next one.</summary>
    public IReadOnlyList<string>? RecordIds { get; init; }
}

/// <summary>Sync state, partitioned like the records (tenant + user), one row per week.</summary>
public sealed class SyncStateStore(GlueTables tables)
{
    /// <summary>The row, in the user's partition, that says the user has confirmed something (so a history read can pay off).</summary>
    internal const string ConfirmedMarkerRow = "~confirmed";
    // Record ids are kept only while they fit comfortably in one string property; past that the sync reads the week.
    private const int MaxRecordIdsChars = 30_000;
    private readonly TableClient _table = tables.SyncState;

    /// <summary>Whether the user has ever confirmed a record: one point read, instead of a range query over past weeks.</summary>
    public async Task<bool> HasConfirmationsAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.UserPartition(tenantId, userId), ConfirmedMarkerRow, ["RowKey"], cancellationToken)).HasValue;

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

    /// <summary>
    /// Records a successful sync in one write, keeping the stored delta link unless a new one is given, and the ids of
    /// the records it wrote when <paramref name="recordIds"/> is given (a full sync of the week).
    /// </summary>
    public async Task RecordSyncedAsync(string tenantId, string userId, IsoWeek week, DateTimeOffset at, string? deltaLink = null,
        IReadOnlyCollection<string>? recordIds = null, CancellationToken cancellationToken = default)
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
        if (recordIds is not null)
        {
            var joined = string.Join('\n', recordIds);
            entity["RecordIds"] = joined.Length <= MaxRecordIdsChars ? joined : "~"; // "~": too many to keep, read the week instead
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
        e.GetString("LastError") is { Length: > 0 } error ? error : null)
    {
        RecordIds = e.GetString("RecordIds") switch
        {
            null or "~" => null,
            "" => [],
            var ids => ids.Split('\n'),
        },
    };
}
