using Azure;
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

/// <summary>
/// Sync state, partitioned like the records (tenant + user), one row per week. Row keys name the user again
/// ("2026-W47|user"): Azurite indexes row keys only, so a row key every user shares ("2026-W47") made each point read
/// scan every user's row of that week, and a sync of 10,000 users grew with the square of their number.
/// </summary>
public sealed class SyncStateStore(GlueTables tables)
{
    private static string WeekRow(IsoWeek week, string userId) => $"{week}|{TableKeys.Encode(userId)}";
    // Record ids are kept only while they fit comfortably in one string property; past that the sync reads the week.
    private const int MaxRecordIdsChars = 30_000;
    private readonly TableClient _table = tables.SyncState;

    public async Task<SyncState?> GetAsync(string tenantId, string userId, IsoWeek week, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.UserPartition(tenantId, userId), WeekRow(week, userId), cancellationToken: cancellationToken);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    public async Task PutAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(TableKeys.UserPartition(state.TenantId, state.UserId), WeekRow(state.Week, state.UserId))
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
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), WeekRow(week, userId))
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
    /// Records the first sync of a week, with the ids of the records it wrote, if the week was never synced before; false
    /// (and nothing written) when it was, so that the caller reads what the last sync wrote and removes what vanished.
    /// </summary>
    public async Task<bool> TryAddFirstSyncAsync(string tenantId, string userId, IsoWeek week, DateTimeOffset at, IReadOnlyCollection<string> recordIds,
        CancellationToken cancellationToken = default)
    {
        var entity = Synced(tenantId, userId, week, at, null, recordIds);
        TableLimits.CheckEntity(entity);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Records a successful sync in one write, keeping the stored delta link unless a new one is given, and the ids of
    /// the records it wrote when <paramref name="recordIds"/> is given (a full sync of the week).
    /// </summary>
    public async Task RecordSyncedAsync(string tenantId, string userId, IsoWeek week, DateTimeOffset at, string? deltaLink = null,
        IReadOnlyCollection<string>? recordIds = null, CancellationToken cancellationToken = default)
    {
        var entity = Synced(tenantId, userId, week, at, deltaLink, recordIds);
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    private static TableEntity Synced(string tenantId, string userId, IsoWeek week, DateTimeOffset at, string? deltaLink, IReadOnlyCollection<string>? recordIds)
    {
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), WeekRow(week, userId))
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
        return entity;
    }

    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);

    private static SyncState ToState(TableEntity e) => new(
        e.GetString("Tenant"),
        e.GetString("User"),
        IsoWeek.Parse(e.RowKey[..e.RowKey.IndexOf('|', StringComparison.Ordinal)]),
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
