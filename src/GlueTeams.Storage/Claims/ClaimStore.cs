using Azure;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Claims;

/// <summary>
/// Insert-if-absent claims: the first caller to claim a key wins, every later one (a re-delivered activity, a
/// second instance sending the same weekly card) sees it is taken. Claims are per tenant and user, so erasing a
/// user erases them too; old ones are removed by the retention purge.
/// </summary>
public sealed class ClaimStore(GlueTables tables, TimeProvider time)
{
    private readonly TableClient _table = tables.Claims;

    /// <summary>True if this caller claimed <paramref name="key"/> now; false if someone already had.</summary>
    public async Task<bool> TryClaimAsync(string tenantId, string userId, string key, string holder, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, userId), TableKeys.Encode(key))
        {
            ["Key"] = key.Length <= 1024 ? key : key[..1024],
            ["Holder"] = holder,
            ["At"] = time.GetUtcNow(),
        };
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

    /// <summary>Who holds <paramref name="key"/> (the holder given when it was claimed); null when nobody does.</summary>
    public async Task<string?> HolderAsync(string tenantId, string userId, string key, CancellationToken cancellationToken = default)
    {
        var claim = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.UserPartition(tenantId, userId), TableKeys.Encode(key), ["Holder"], cancellationToken);
        return claim.HasValue ? claim.Value!.GetString("Holder") ?? "" : null;
    }

    /// <summary>Gives a claim back (the work it guarded failed), so that a retry may claim it again.</summary>
    public async Task ReleaseAsync(string tenantId, string userId, string key, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(TableKeys.UserPartition(tenantId, userId), TableKeys.Encode(key), cancellationToken: cancellationToken);

    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);
}
