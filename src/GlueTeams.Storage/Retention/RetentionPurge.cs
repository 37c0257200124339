using System.Globalization;
using Azure.Data.Tables;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage.Retention;

/// <summary>How long records are kept, per tenant. Defaults from PRODUCT.md.</summary>
public sealed record RetentionPolicy(TimeSpan Unconfirmed, TimeSpan Confirmed)
{
    public static RetentionPolicy Default { get; } = new(TimeSpan.FromDays(90), TimeSpan.FromDays(730));
}

/// <summary>What one purge of one tenant removed.</summary>
public sealed record PurgeCounts(int Users, int UnconfirmedRemoved, int ConfirmedRemoved, int ClaimsRemoved);

/// <summary>
/// Table Storage has no expiry, so this removes what the tenant's retention policy no longer allows: unconfirmed
/// suggestions (and skips) past <see cref="RetentionPolicy.Unconfirmed"/>, confirmed records past
/// <see cref="RetentionPolicy.Confirmed"/>, and delivery claims older than a week. Row keys start with the ISO week,
/// so each user costs one range query below the cut-off week; whole weeks are removed, never part of one. What was
/// removed is written to the tenant's audit log.
/// </summary>
public sealed class RetentionPurge(GlueTables tables, UserStore users, AuditLog audit, TimeProvider time)
{
    /// <summary>How long a delivery claim (the mark that keeps a card from going out twice) is kept.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(7);

    public async Task<PurgeCounts> PurgeTenantAsync(string tenantId, RetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        // The week that contains the cut-off is kept whole: only weeks entirely older are removed.
        var unconfirmedBefore = IsoWeek.Containing(now - policy.Unconfirmed, TimeZoneInfo.Utc).Previous;
        var confirmedBefore = IsoWeek.Containing(now - policy.Confirmed, TimeZoneInfo.Utc).Previous;
        int userCount = 0, unconfirmed = 0, confirmed = 0, claims = 0;
        await foreach (var user in users.ListAsync(tenantId, cancellationToken))
        {
            userCount++;
            var partition = TableKeys.UserPartition(tenantId, user.UserId);
            var oldest = confirmedBefore > unconfirmedBefore ? confirmedBefore : unconfirmedBefore;
            var doomed = new List<TableEntity>();
            var filter = $"PartitionKey eq {TableKeys.Literal(partition)} and RowKey lt {TableKeys.Literal(oldest.Next.ToString())}";
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
            await TableDeletes.DeleteRowsAsync(tables.Activities, doomed, cancellationToken);
            claims += await PurgeClaimsAsync(partition, now - ClaimLifetime, cancellationToken);
        }
        var counts = new PurgeCounts(userCount, unconfirmed, confirmed, claims);
        await audit.AppendAsync(tenantId, AuditLog.TenantSubject, "retention-purge", "retention-purge", string.Create(CultureInfo.InvariantCulture,
            $"{counts.UnconfirmedRemoved} unconfirmed records up to {unconfirmedBefore}, {counts.ConfirmedRemoved} confirmed records up to {confirmedBefore}, {counts.ClaimsRemoved} delivery claims, over {counts.Users} users"), cancellationToken);
        return counts;
    }

    private async Task<int> PurgeClaimsAsync(string partition, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        await foreach (var row in tables.Claims.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Literal(partition)}", select: ["RowKey", "At"], cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("At") < before)
            {
                doomed.Add(new TableEntity(partition, row.RowKey));
            }
        }
        await TableDeletes.DeleteRowsAsync(tables.Claims, doomed, cancellationToken);
        return doomed.Count;
    }
}
