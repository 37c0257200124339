using System.Globalization;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Audit;

/// <summary>
/// Something that happened to a user's data: a manager read it, a purge removed some, the user deleted it all.
/// <see cref="SubjectUserId"/> is whose data; <see cref="ActorUserId"/> who acted.
/// </summary>
public sealed record AuditEntry(string TenantId, string SubjectUserId, string ActorUserId, string Action, string Detail, DateTimeOffset At);

/// <summary>
/// Append-only: entries are added, never updated. One partition per subject, newest first (row keys are inverted
/// ticks), so "who looked at my data" is one query.
/// </summary>
public sealed class AuditLog(GlueTables tables, TimeProvider time)
{
    /// <summary>
    /// The subject of tenant-wide entries (purges, erasures), which outlive a user's own partition. A user id never
    /// starts with "#" (bot and tab ids pass <c>SafeIds</c>), so no user can name, read or erase this partition.
    /// </summary>
    public const string TenantSubject = "#tenant";

    /// <summary>The actor of entries GlueTeams writes itself (an erasure's note, a purge): never a user id.</summary>
    public const string SystemActor = "#glueteams";

    private readonly TableClient _table = tables.Audit;

    public async Task AppendAsync(string tenantId, string subjectUserId, string actorUserId, string action, string detail, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow();
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N");
        var entity = new TableEntity(TableKeys.UserPartition(tenantId, subjectUserId), rowKey)
        {
            ["Tenant"] = tenantId,
            ["Subject"] = subjectUserId,
            ["Actor"] = actorUserId,
            ["Action"] = action,
            ["Detail"] = detail,
            ["At"] = at,
        };
        TableLimits.CheckEntity(entity);
        await _table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>The newest entries about one subject, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, string subjectUserId, int max = 200, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.UserPartition(tenantId, subjectUserId)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(e.GetString("Tenant"), e.GetString("Subject"), e.GetString("Actor"), e.GetString("Action"), e.GetString("Detail"), e.GetDateTimeOffset("At") ?? default));
            if (entries.Count >= max)
            {
                break;
            }
        }
        return entries;
    }

    /// <summary>Removes the entries about one user (their own erasure). The tenant-wide record of the erasure stays.</summary>
    internal Task<int> DeleteSubjectAsync(string tenantId, string subjectUserId, CancellationToken cancellationToken) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, subjectUserId), cancellationToken);
}
