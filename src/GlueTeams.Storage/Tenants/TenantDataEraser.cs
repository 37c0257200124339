using System.Globalization;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage.Tenants;

/// <summary>How much of one tenant's data an offboarding removed, per table.</summary>
public sealed record TenantErasureCounts(int Records, int SyncStates, int AuditEntries, int Claims, int Profiles, int Schedule, int Subscriptions, int Tombstones,
    int ModelRows, int QueueItems = 0)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Profiles} profiles, {Records} records, {SyncStates} sync states, {AuditEntries} audit entries, {Claims} delivery claims, {Schedule} scheduled cards, {Subscriptions} subscriptions, {Tombstones} user tombstones, {ModelRows} tenant model rows, {QueueItems} queued items");
}

/// <summary>
/// Deletes every row of one tenant in every table: the per-user partitions ("{tenant}|{user}") by one key range each,
/// the profiles and the tenant's suggestion model by their tenant partitions, and the rows keyed otherwise (due cards, subscriptions, user tombstones) by
/// a scan of their tenant property: acceptable for an offboarding, which is rare. The caller marks the tenant erased
/// first and ends its Graph subscriptions and queue items itself.
/// </summary>
public sealed class TenantDataEraser(GlueTables tables, ErasureTombstones tombstones)
{
    public async Task<TenantErasureCounts> EraseAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var tenant = TableKeys.Encode(tenantId);
        // "|" is followed by "}" in ASCII: [tenant|, tenant}) holds exactly the partitions of the tenant's users.
        var userPartitions = $"PartitionKey ge {TableKeys.Literal(tenant + "|")} and PartitionKey lt {TableKeys.Literal(tenant + "}")}";
        return new TenantErasureCounts(
            Records: await DeleteAsync(tables.Activities, userPartitions, cancellationToken),
            SyncStates: await DeleteAsync(tables.SyncState, userPartitions, cancellationToken),
            AuditEntries: await DeleteAsync(tables.Audit, userPartitions, cancellationToken),
            Claims: await DeleteAsync(tables.Claims, userPartitions, cancellationToken),
            Profiles: await DeleteAsync(tables.Users, $"PartitionKey eq {TableKeys.Literal(tenant)}", cancellationToken),
            Schedule: await DeleteAsync(tables.Schedule, $"Tenant eq {TableKeys.Literal(tenantId)}", cancellationToken),
            Subscriptions: await DeleteAsync(tables.Subscriptions, $"Tenant eq {TableKeys.Literal(tenantId)}", cancellationToken),
            Tombstones: await tombstones.DeleteUsersOfTenantAsync(tenantId, cancellationToken),
            ModelRows: await DeleteAsync(tables.TenantModels, $"PartitionKey eq {TableKeys.Literal(tenant)}", cancellationToken));
    }

    private static async Task<int> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableEntity(row.PartitionKey, row.RowKey));
        }
        await TableDeletes.DeleteRowsAsync(table, rows, cancellationToken); // one partition per transaction, at most 100 rows
        return rows.Count;
    }
}
