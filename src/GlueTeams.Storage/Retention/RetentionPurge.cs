using System.Globalization;
using Azure.Data.Tables;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage.Retention;

/// <summary>How long records are kept, per tenant. Defaults from PRODUCT.md; delivery claims only guard re-deliveries.</summary>
public sealed record RetentionPolicy(TimeSpan Unconfirmed, TimeSpan Confirmed, TimeSpan Claims)
{
    public RetentionPolicy(TimeSpan unconfirmed, TimeSpan confirmed) : this(unconfirmed, confirmed, TimeSpan.FromDays(7))
    {
    }

    public static RetentionPolicy Default { get; } = new(TimeSpan.FromDays(90), TimeSpan.FromDays(730), TimeSpan.FromDays(7));
}

/// <summary>
/// What one purge of one tenant removed (or, in a dry run, would remove). <see cref="Users"/> counts the user
/// partitions looked at; <see cref="OrphanRows"/> the rows of users who have no profile and were erased, or sync
/// states of users who have no profile (sync needs one): what an erasure racing a write may leave. <see cref="EvidenceRemoved"/>
/// counts acknowledgements, dismissed nudges and artifact counts older than the confirmed records' retention.
/// </summary>
public sealed record PurgeCounts(int Users, int UnconfirmedRemoved, int ConfirmedRemoved, int ClaimsRemoved, int OrphanRows = 0, int EvidenceRemoved = 0)
{
    public static PurgeCounts operator +(PurgeCounts a, PurgeCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Users + b.Users, a.UnconfirmedRemoved + b.UnconfirmedRemoved, a.ConfirmedRemoved + b.ConfirmedRemoved,
            a.ClaimsRemoved + b.ClaimsRemoved, a.OrphanRows + b.OrphanRows, a.EvidenceRemoved + b.EvidenceRemoved);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{UnconfirmedRemoved} unconfirmed records, {ConfirmedRemoved} confirmed records, {ClaimsRemoved} delivery claims, {OrphanRows} orphaned rows, over {Users} users; {EvidenceRemoved} acknowledgements, dismissed nudges and artifact counts");
}

/// <summary>
/// Table Storage has no expiry, so this removes what the tenant's retention policy no longer allows: unconfirmed
/// suggestions (and skips) past <see cref="RetentionPolicy.Unconfirmed"/>, confirmed records past
/// <see cref="RetentionPolicy.Confirmed"/>, delivery claims past <see cref="RetentionPolicy.Claims"/>. It visits every
/// user partition of the tenant, profile or not (an Outlook add-in user may have records and no profile), one request
/// per partition to find them. Row keys start with the ISO week, so each user costs one range query below the cut-off
/// week; whole weeks are removed, never part of one. What was removed is written to the tenant's audit log as counts.
/// </summary>
public sealed class RetentionPurge(GlueTables tables, UserStore users, AuditLog audit, TimeProvider time, ErasureTombstones? tombstones = null)
{
    /// <summary>Every tenant that has a profile or a record (one request per partition, never a row-by-row scan).</summary>
    public async Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var (_, row) in PartitionsAsync(tables.Users, null, cancellationToken))
        {
            tenants.Add(row.GetString("Tenant"));
        }
        foreach (var table in new[] { tables.Activities, tables.SyncState })
        {
            await foreach (var (_, row) in PartitionsAsync(table, null, cancellationToken))
            {
                if (row.GetString("Tenant") is { } tenant)
                {
                    tenants.Add(tenant);
                }
            }
        }
        return [.. tenants];
    }

    public async Task<PurgeCounts> PurgeTenantAsync(string tenantId, RetentionPolicy policy, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        // The week that contains the cut-off is kept whole: only weeks entirely older are removed.
        var unconfirmedBefore = IsoWeek.Containing(now - policy.Unconfirmed, TimeZoneInfo.Utc).Previous;
        var confirmedBefore = IsoWeek.Containing(now - policy.Confirmed, TimeZoneInfo.Utc).Previous;
        var counts = new PurgeCounts(0, 0, 0, 0);
        foreach (var (partition, userId) in await UserPartitionsAsync(tenantId, cancellationToken))
        {
            var profile = await users.GetAsync(tenantId, userId, cancellationToken);
            if (profile is null && await IsOrphanAsync(tenantId, userId, partition, cancellationToken))
            {
                counts += new PurgeCounts(1, 0, 0, 0, await DeleteOrphanAsync(tenantId, userId, partition, dryRun, cancellationToken));
                continue;
            }
            var (unconfirmed, confirmed) = await PurgeRecordsAsync(partition, unconfirmedBefore, confirmedBefore, dryRun, cancellationToken);
            counts += new PurgeCounts(1, unconfirmed, confirmed, 0);
        }
        // Claims carry no user id (their partition is the user's): they are purged by age alone.
        await foreach (var (partition, _) in PartitionsAsync(tables.Claims, TenantRange(tenantId), cancellationToken))
        {
            counts += new PurgeCounts(0, 0, 0, await PurgeClaimsAsync(partition, now - policy.Claims, dryRun, cancellationToken));
        }
        counts += new PurgeCounts(0, 0, 0, 0, EvidenceRemoved: await PurgeEvidenceAsync(tenantId, now - policy.Confirmed, dryRun, cancellationToken));
        if (!dryRun)
        {
            await audit.AppendAsync(tenantId, AuditLog.TenantSubject, AuditLog.SystemActor, "retention-purge",
                string.Create(CultureInfo.InvariantCulture, $"{counts} (unconfirmed up to {unconfirmedBefore}, confirmed up to {confirmedBefore})"), cancellationToken);
        }
        return counts;
    }

    /// <summary>Partition keys are "tenant|user", so a tenant's users are one key range ("}" follows "|").</summary>
    private static string TenantRange(string tenantId) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {TableKeys.Encode(tenantId) + "|"} and PartitionKey lt {TableKeys.Encode(tenantId) + "}"}");

    /// <summary>The tenant's user partitions in the tables whose rows carry the user id (records, sync states).</summary>
    private async Task<IReadOnlyList<(string Partition, string UserId)>> UserPartitionsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in new[] { tables.Activities, tables.SyncState })
        {
            await foreach (var (partition, row) in PartitionsAsync(table, TenantRange(tenantId), cancellationToken))
            {
                if (row.GetString("User") is { } user)
                {
                    found.TryAdd(partition, user);
                }
            }
        }
        return [.. found.Select(p => (p.Key, p.Value))];
    }

    /// <summary>
    /// One row of each partition of <paramref name="table"/> (within <paramref name="range"/>): one request per partition,
    /// by asking each time for the first row after the last partition seen.
    /// </summary>
    private static async IAsyncEnumerable<(string Partition, TableEntity Row)> PartitionsAsync(TableClient table, string? range,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var after = last is null ? null : TableClient.CreateQueryFilter($"PartitionKey gt {last}");
            var filter = (range, after) switch
            {
                (null, null) => null,
                (null, _) => after,
                (_, null) => range,
                _ => $"({range}) and {after}",
            };
            TableEntity? first = null;
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey", "Tenant", "User"], cancellationToken: cancellationToken))
            {
                first = row;
                break;
            }
            if (first is null)
            {
                yield break;
            }
            last = first.PartitionKey;
            yield return (last, first);
        }
    }

    /// <summary>
    /// A user with no profile whose rows must go: one who was erased (a write raced the erasure), or one with sync
    /// states only (a sync needs a profile). An Outlook add-in user with records and no profile is not an orphan: their
    /// records are kept and purged by the policy like anyone's.
    /// </summary>
    private async Task<bool> IsOrphanAsync(string tenantId, string userId, string partition, CancellationToken cancellationToken)
    {
        if (tombstones is not null && await tombstones.IsErasedAsync(tenantId, userId, cancellationToken))
        {
            return true;
        }
        await foreach (var _ in tables.Activities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return false;
        }
        return true;
    }

    private async Task<int> DeleteOrphanAsync(string tenantId, string userId, string partition, bool dryRun, CancellationToken cancellationToken)
    {
        var erased = tombstones is not null && await tombstones.IsErasedAsync(tenantId, userId, cancellationToken);
        // An erased user's audit partition goes too; an add-in user's sync states only are the rest of an old sync.
        var doomed = erased ? new[] { tables.Activities, tables.SyncState, tables.Claims, tables.Audit } : [tables.SyncState];
        var rows = 0;
        foreach (var table in doomed)
        {
            rows += dryRun ? await CountAsync(table, partition, cancellationToken) : await TableDeletes.DeletePartitionAsync(table, partition, cancellationToken);
        }
        return rows;
    }

    private static async Task<int> CountAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }
        return count;
    }

    private async Task<(int Unconfirmed, int Confirmed)> PurgeRecordsAsync(string partition, IsoWeek unconfirmedBefore, IsoWeek confirmedBefore, bool dryRun,
        CancellationToken cancellationToken)
    {
        int unconfirmed = 0, confirmed = 0;
        var oldest = confirmedBefore > unconfirmedBefore ? confirmedBefore : unconfirmedBefore;
        var doomed = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {oldest.Next.ToString()}");
        await foreach (var row in tables.Activities.QueryAsync<TableEntity>(filter, select: ["RowKey", "Week", "ConfCategory"], cancellationToken: cancellationToken))
        {
            var week = IsoWeek.Parse(row.GetString("Week"));
            var isConfirmed = row.GetString("ConfCategory") is not null;
            if (isConfirmed ? week <= confirmedBefore : week <= unconfirmedBefore)
            {
                doomed.Add(new TableEntity(partition, row.RowKey));
                _ = isConfirmed ? confirmed++ : unconfirmed++;
            }
        }
        if (!dryRun)
        {
            await TableDeletes.DeleteRowsAsync(tables.Activities, doomed, cancellationToken);
        }
        return (unconfirmed, confirmed);
    }

    /// <summary>
    /// The evidence kept beside the records (acknowledgements, dismissed nudges, artifact counts) lives no longer than the
    /// confirmed records it is about: rows written (or last refreshed) before <paramref name="before"/> go. A scan of the
    /// tenant's key range of each table, which holds a few rows per user.
    /// </summary>
    private async Task<int> PurgeEvidenceAsync(string tenantId, DateTimeOffset before, bool dryRun, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (table, written) in new[] { (tables.Acknowledgements, "At"), (tables.Nudges, "DismissedAt"), (tables.ArtifactReach, "RefreshedAt") })
        {
            var doomed = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(TenantRange(tenantId), select: ["PartitionKey", "RowKey", written], cancellationToken: cancellationToken))
            {
                if (row.GetDateTimeOffset(written) < before)
                {
                    doomed.Add(new TableEntity(row.PartitionKey, row.RowKey));
                }
            }
            if (!dryRun)
            {
                await TableDeletes.DeleteRowsAsync(table, doomed, cancellationToken); // one partition per transaction
            }
            removed += doomed.Count;
        }
        return removed;
    }

    private async Task<int> PurgeClaimsAsync(string partition, DateTimeOffset before, bool dryRun, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        await foreach (var row in tables.Claims.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey", "At"], cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("At") < before)
            {
                doomed.Add(new TableEntity(partition, row.RowKey));
            }
        }
        if (!dryRun)
        {
            await TableDeletes.DeleteRowsAsync(tables.Claims, doomed, cancellationToken);
        }
        return doomed.Count;
    }
}
