using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Evidence;

/// <summary>
/// The nudges an engineer dismissed, by key, in their own partition: a dismissed nudge stays dismissed (on the card and
/// in the tab), and the engineer's erasure removes them with the partition.
/// </summary>
public sealed class NudgeDismissals(GlueTables tables, TimeProvider time)
{
    private readonly TableClient _table = tables.Nudges;

    public async Task DismissAsync(string tenantId, string userId, string nudgeKey, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), TableKeys.Encode(nudgeKey))
        {
            ["Tenant"] = tenantId,
            ["User"] = userId,
            ["Key"] = nudgeKey,
            ["DismissedAt"] = time.GetUtcNow(),
        };
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ListAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Literal(TableKeys.UserPartition(tenantId, userId))}",
            select: ["Key"], cancellationToken: cancellationToken))
        {
            keys.Add(e.GetString("Key"));
        }
        return keys;
    }

    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);
}
