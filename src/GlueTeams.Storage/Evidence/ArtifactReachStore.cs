using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Evidence;

/// <summary>What Graph's item analytics said about one artifact link when it was last asked.</summary>
public enum ReachStatus
{
    /// <summary><see cref="ArtifactReach.Views"/> and <see cref="ArtifactReach.Viewers"/> are Graph's all-time counts.</summary>
    Known,
    /// <summary>Graph refused (403): the organisation has not granted the permission item analytics need.</summary>
    Denied,
    /// <summary>Graph does not know the item (deleted, moved, or not shared with the app).</summary>
    NotFound,
}

/// <summary>An artifact's reach: views and distinct viewers, all time, as of <see cref="RefreshedAt"/>.</summary>
public sealed record ArtifactReach(string TenantId, string UserId, Uri Link, ReachStatus Status, int Views, int Viewers, DateTimeOffset RefreshedAt);

/// <summary>
/// Artifact reach per link, in the partition of the engineer whose records carry the link (erased with them), written by
/// the weekly refresh job and read by the packet.
/// </summary>
public sealed class ArtifactReachStore(GlueTables tables)
{
    private readonly TableClient _table = tables.ArtifactReach;

    public async Task PutAsync(ArtifactReach reach, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var entity = new TableEntity(TableKeys.UserPartition(reach.TenantId, reach.UserId), TableKeys.Encode(reach.Link.AbsoluteUri))
        {
            ["Tenant"] = reach.TenantId,
            ["User"] = reach.UserId,
            ["Link"] = reach.Link.AbsoluteUri,
            ["Status"] = reach.Status.ToString(),
            ["Views"] = reach.Views,
            ["Viewers"] = reach.Viewers,
            ["RefreshedAt"] = reach.RefreshedAt,
        };
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ArtifactReach>> ListAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var found = new List<ArtifactReach>();
        await foreach (var e in _table.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Literal(TableKeys.UserPartition(tenantId, userId))}", cancellationToken: cancellationToken))
        {
            if (Uri.TryCreate(e.GetString("Link"), UriKind.Absolute, out var link))
            {
                found.Add(new ArtifactReach(tenantId, userId, link, Enum.TryParse<ReachStatus>(e.GetString("Status"), out var status) ? status : ReachStatus.NotFound,
                    e.GetInt32("Views") ?? 0, e.GetInt32("Viewers") ?? 0, e.GetDateTimeOffset("RefreshedAt") ?? default));
            }
        }
        return found;
    }

    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);
}
