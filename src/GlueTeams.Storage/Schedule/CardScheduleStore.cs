using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Schedule;

/// <summary>One user's weekly card, due at <see cref="DueAt"/>.</summary>
public sealed record DueCard(string TenantId, string UserId, DateTimeOffset DueAt);

/// <summary>
/// When each user's next weekly card is due, kept in storage so that it survives restarts. Row keys start with the
/// due instant in UTC, so "what is due now" is one range query. Taking a due entry deletes it with the ETag that
/// was read: with several instances polling, exactly one of them wins each card.
/// </summary>
public sealed class CardScheduleStore(GlueTables tables)
{
    // One partition per due day keeps any one partition small; a poll reads today's and the days it missed.
    private const string DayFormat = "yyyyMMdd";
    private const string InstantFormat = "yyyyMMdd'T'HHmmss";
    private readonly TableClient _table = tables.Schedule;

    /// <summary>Schedules the user's next card, replacing <paramref name="previousDueAt"/> if it was scheduled.</summary>
    public async Task ScheduleAsync(string tenantId, string userId, DateTimeOffset dueAt, DateTimeOffset? previousDueAt = null, CancellationToken cancellationToken = default)
    {
        if (previousDueAt is { } previous && previous != dueAt)
        {
            await _table.DeleteEntityAsync(Partition(previous), RowKey(previous, tenantId, userId), cancellationToken: cancellationToken);
        }
        var entity = new TableEntity(Partition(dueAt), RowKey(dueAt, tenantId, userId))
        {
            ["Tenant"] = tenantId,
            ["User"] = userId,
            ["DueAt"] = dueAt.ToUniversalTime(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Takes up to <paramref name="max"/> cards due by <paramref name="now"/>, looking back <paramref name="lookBackDays"/> days for missed ones. Each is returned to one caller only.</summary>
    public async Task<IReadOnlyList<DueCard>> TakeDueAsync(DateTimeOffset now, int max, int lookBackDays = 7, CancellationToken cancellationToken = default)
    {
        var taken = new List<DueCard>();
        for (var day = now.UtcDateTime.Date.AddDays(-lookBackDays); day <= now.UtcDateTime.Date && taken.Count < max; day = day.AddDays(1))
        {
            var filter = $"PartitionKey eq {TableKeys.Literal(day.ToString(DayFormat, CultureInfo.InvariantCulture))} " +
                         $"and RowKey le {TableKeys.Literal(now.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture) + "~")}";
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
            {
                if (await TryTakeAsync(entity, cancellationToken))
                {
                    taken.Add(new DueCard(entity.GetString("Tenant"), entity.GetString("User"), entity.GetDateTimeOffset("DueAt")!.Value));
                }
                if (taken.Count >= max)
                {
                    break;
                }
            }
        }
        return taken;
    }

    private async Task<bool> TryTakeAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        // Another instance took it first: 412 throws; 404 comes back as a response (the SDK does not throw on it).
        try
        {
            var response = await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string Partition(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset dueAt, string tenantId, string userId) =>
        dueAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture) + "|" + TableKeys.UserPartition(tenantId, userId);
}
