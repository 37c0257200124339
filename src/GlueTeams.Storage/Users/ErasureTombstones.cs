using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Users;

/// <summary>
/// What is left after "delete my data": the time it happened, under a key derived from tenant and user by SHA-256, so
/// that not even the tombstone names the user. While it stands, nothing may create data for that user (sync, the
/// weekly card, card actions, the tags API, notifications); an install or "start" clears it. A tenant's offboarding
/// leaves one tombstone for the whole tenant (its hash and the time), which every user of it is then erased by, until
/// the tenant's admin consents again. A tenant's tombstones share one partition (the tenant's hash; the tenant's own
/// tombstone is its row ""), so that the weekly fan-out learns which of a batch of users are erased with one query.
/// </summary>
/// <param name="checksTenants">Multi-tenant mode: a user counts as erased when their tenant is (self-hosted has no offboarding, so no second read).</param>
public sealed class ErasureTombstones(GlueTables tables, TimeProvider time, bool checksTenants = false)
{
    private readonly TableClient _table = tables.Tombstones;

    public async Task MarkAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(new TableEntity(TenantKey(tenantId), Key(tenantId, userId)) { ["ErasedAt"] = time.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>The user, or (multi-tenant) their whole tenant, was erased: one read either way.</summary>
    public async Task<bool> IsErasedAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        if (!checksTenants)
        {
            return (await _table.GetEntityIfExistsAsync<TableEntity>(TenantKey(tenantId), Key(tenantId, userId), select: ["ErasedAt"], cancellationToken: cancellationToken)).HasValue;
        }
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantKey(tenantId)} and (RowKey eq {""} or RowKey eq {Key(tenantId, userId)})");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 2, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }

    /// <summary>
    /// Which of the tenant's <paramref name="userIds"/> are erased (every one of them when, in multi-tenant mode, the
    /// tenant is): one query over the tenant's tombstones, however many users are asked about.
    /// </summary>
    public async Task<IReadOnlySet<string>> ErasedAmongAsync(string tenantId, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TenantKey(tenantId)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }
        var tenantErased = checksTenants && keys.Contains("");
        return userIds.Where(u => tenantErased || keys.Contains(Key(tenantId, u))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Moves tombstones written before they shared their tenant's partition (a partition per user, row "", the tenant's
    /// hash in a TenantKey column) into their tenant's partition, so that the reads above still find every erased
    /// user. Run before the app serves (with the tables); idempotent, and a no-op once nothing is left. Returns how many moved.
    /// </summary>
    public async Task<int> MoveLegacyAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {""} and TenantKey gt {""}"), cancellationToken: cancellationToken))
        {
            var tenantKey = row.GetString("TenantKey");
            await _table.UpsertEntityAsync(new TableEntity(tenantKey, row.PartitionKey) { ["ErasedAt"] = row.GetDateTimeOffset("ErasedAt") ?? time.GetUtcNow() },
                TableUpdateMode.Replace, cancellationToken);
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            moved++;
        }
        return moved;
    }

    /// <summary>The user started again (install, "start"): their data may be created again.</summary>
    public async Task ClearAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(TenantKey(tenantId), Key(tenantId, userId), cancellationToken: cancellationToken);

    /// <summary>The tenant is being offboarded: from now on nothing may create data for any of its users.</summary>
    public async Task MarkTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(new TableEntity(TenantKey(tenantId), "") { ["ErasedAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsTenantErasedAsync(string tenantId, CancellationToken cancellationToken = default) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(TenantKey(tenantId), "", select: ["ErasedAt"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>The tenant's admin consented again: its users' data may be created again.</summary>
    public async Task ClearTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(TenantKey(tenantId), "", cancellationToken: cancellationToken);

    /// <summary>Removes the tombstones of the tenant's erased users (its own tombstone stays); returns how many.</summary>
    public async Task<int> DeleteUsersOfTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        var partition = TenantKey(tenantId);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {""}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableEntity(row.PartitionKey, row.RowKey));
        }
        await TableDeletes.DeleteRowsAsync(_table, rows, cancellationToken);
        return rows.Count;
    }

    private static string Key(string tenantId, string userId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(userId);
        return Hash("erased\n" + tenantId + "\n" + userId);
    }

    private static string TenantKey(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return Hash("erased-tenant\n" + tenantId.ToLowerInvariant());
    }

    private static string Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Base64Url.EncodeToString(hash);
    }
}
