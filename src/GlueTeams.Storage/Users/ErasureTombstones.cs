using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace GlueTeams.Storage.Users;

/// <summary>
/// What is left after "delete my data": the time it happened, under a key derived from tenant and user by SHA-256, so
/// that not even the tombstone names the user. While it stands, nothing may create data for that user (sync, the
/// weekly card, card actions, the tags API, notifications); an install or "start" clears it.
/// </summary>
public sealed class ErasureTombstones(GlueTables tables, TimeProvider time)
{
    private readonly TableClient _table = tables.Tombstones;

    public async Task MarkAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(new TableEntity(Key(tenantId, userId), "") { ["ErasedAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsErasedAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Key(tenantId, userId), "", select: ["ErasedAt"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>The user started again (install, "start"): their data may be created again.</summary>
    public async Task ClearAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(Key(tenantId, userId), "", cancellationToken: cancellationToken);

    private static string Key(string tenantId, string userId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("erased\n" + tenantId + "\n" + userId), hash);
        return Base64Url.EncodeToString(hash);
    }
}
