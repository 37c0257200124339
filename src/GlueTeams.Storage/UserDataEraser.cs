using System.Globalization;
using Azure.Data.Tables;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage;

/// <summary>How much of one user's data an erasure removed, per table.</summary>
public sealed record ErasureCounts(int Records, int SyncStates, int AuditEntries, int Claims, bool Profile, int Schedule = 0, int Subscriptions = 0, int QueueItems = 0,
    int Evidence = 0)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Records} records, {SyncStates} sync states, {AuditEntries} audit entries, {Claims} delivery claims, {Schedule} scheduled cards, {Subscriptions} subscriptions, {QueueItems} queued sync items, {Evidence} acknowledgements, dismissed nudges and artifact counts, profile {(Profile ? "deleted" : "absent")}");
}

/// <summary>
/// "Delete my data": the tombstone first (so that work in flight refuses to write from now on), then every row about
/// the user in every table, and a tenant-wide note with the counts only: it names nobody.
/// </summary>
public sealed class UserDataEraser(GlueTables tables, ActivityStore activities, SyncStateStore syncStates, AuditLog audit, ClaimStore claims, UserStore users,
    ErasureTombstones tombstones)
{
    private readonly Suggestions.TenantModelStore _models = new(tables);

    public async Task<ErasureCounts> EraseAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await tombstones.MarkAsync(tenantId, userId, cancellationToken);
        // What their confirmed titles taught the tenant model goes too (it is kept per user for this).
        await _models.ForgetUserAsync(tenantId, userId, cancellationToken);
        var counts = new ErasureCounts(
            await activities.DeleteAllAsync(tenantId, userId, cancellationToken),
            await syncStates.DeleteAllAsync(tenantId, userId, cancellationToken),
            await audit.DeleteSubjectAsync(tenantId, userId, cancellationToken),
            await claims.DeleteAllAsync(tenantId, userId, cancellationToken),
            await users.DeleteAsync(tenantId, userId, cancellationToken),
            await DeleteWhereAsync(tables.Schedule, tenantId, userId, cancellationToken),
            await DeleteWhereAsync(tables.Subscriptions, tenantId, userId, cancellationToken),
            Evidence: await EvidenceAsync(tenantId, userId, cancellationToken));
        await audit.AppendAsync(tenantId, AuditLog.TenantSubject, AuditLog.SystemActor, "user-data-erased", counts.ToString(), cancellationToken);
        return counts;
    }

    /// <summary>Acknowledgements about the user, the nudges they dismissed, their artifacts' reach: each in the user's partition.</summary>
    private async Task<int> EvidenceAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var table in new[] { tables.Acknowledgements, tables.Nudges, tables.ArtifactReach })
        {
            deleted += await TableDeletes.DeletePartitionAsync(table, TableKeys.UserPartition(tenantId, userId), cancellationToken);
        }
        return deleted;
    }

    /// <summary>
    /// Rows of a table keyed by something else than the user (due time, subscription id) that name the user in their
    /// Tenant and User properties: a scan, acceptable for a rare erasure.
    /// </summary>
    private static async Task<int> DeleteWhereAsync(TableClient table, string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>($"Tenant eq {TableKeys.Literal(tenantId)} and User eq {TableKeys.Literal(userId)}",
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableEntity(row.PartitionKey, row.RowKey));
        }
        await TableDeletes.DeleteRowsAsync(table, rows, cancellationToken);
        return rows.Count;
    }
}
