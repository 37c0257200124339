using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Schedule;

/// <summary>One user's weekly card, due at <see cref="DueAt"/>, leased by one caller until it completes or returns it.</summary>
public sealed record DueCard(string TenantId, string UserId, DateTimeOffset DueAt)
{
    internal string PartitionKey { get; init; } = "";
    internal string RowKey { get; init; } = "";
    internal ETag ETag { get; init; }
    /// <summary>How many times this entry was taken before (0 the first time): the back-off of a failed send grows with it.</summary>
    public int Attempts { get; init; }
}

/// <summary>
/// When each user's next weekly card is due, kept in storage so that it survives restarts. Row keys start with the
/// due instant in UTC, so "what is due now" is one range query. Taking a due entry does not delete it: it writes a
/// "taken until" lease guarded by the ETag that was read, so with several instances polling exactly one of them wins
/// each card, and if that one dies or fails the entry comes back when the lease ends. The taker deletes the entry
/// (<see cref="CompleteAsync"/>) only after the card is safely queued, or hands it back with a delay
/// (<see cref="ReturnAsync"/>).
/// </summary>
public sealed class CardScheduleStore(GlueTables tables)
{
    /// <summary>How long a taken card stays with its taker: long enough to sync and queue a batch of cards.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

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

    /// <summary>Schedules many users' next cards at once: one transaction per due day and 100 users.</summary>
    public async Task ScheduleManyAsync(IEnumerable<(string TenantId, string UserId, DateTimeOffset DueAt)> cards, CancellationToken cancellationToken = default)
    {
        var actions = cards
            .Select(c => new TableEntity(Partition(c.DueAt), RowKey(c.DueAt, c.TenantId, c.UserId)) { ["Tenant"] = c.TenantId, ["User"] = c.UserId, ["DueAt"] = c.DueAt.ToUniversalTime() })
            .DistinctBy(e => (e.PartitionKey, e.RowKey))
            .Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e));
        foreach (var batch in TableLimits.Transactions(actions))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> cards due by <paramref name="now"/> and not leased by anyone else, looking
    /// back <paramref name="lookBackDays"/> days for missed ones. Each is returned to one caller only until its lease ends.
    /// Candidates are taken as a run of neighbours at a random place among those due, so that instances polling together
    /// rarely reach for the same entries, and leased 100 to a transaction; a transaction that meets an entry leased by someone else meanwhile is redone entry
    /// by entry.
    /// </summary>
    public async Task<IReadOnlyList<DueCard>> TakeDueAsync(DateTimeOffset now, int max, int lookBackDays = 7, TimeSpan? lease = null, CancellationToken cancellationToken = default)
    {
        var until = now + (lease ?? DefaultLease);
        // One query over the days looked back and today: in each day's partition, the entries due by now.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {now.UtcDateTime.Date.AddDays(-lookBackDays).ToString(DayFormat, CultureInfo.InvariantCulture)} and PartitionKey le {now.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture)} and RowKey le {now.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture) + "~"}");
        var free = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (IsFree(entity, now))
            {
                free.Add(entity);
            }
            if (free.Count >= Math.Max(max, 1000))
            {
                break;
            }
        }
        // A run of neighbours, at a random one of the runs found: instances polling together rarely reach for the same
        // run, and its users sit together in the Users partition, where one range query reads their profiles. A run
        // that starts near the end goes on from the first found, so that as many are taken as are due, up to max.
        var runs = (free.Count + Math.Max(max, 1) - 1) / Math.Max(max, 1);
        var start = runs > 1 ? Random.Shared.Next(runs) * max : 0;
        var taken = new List<DueCard>();
        foreach (var chunk in free.Skip(start).Concat(free.Take(start)).Take(max).GroupBy(e => e.PartitionKey).SelectMany(day => day.Chunk(100)))
        {
            taken.AddRange(await LeaseAsync(chunk, now, until, reread: true, cancellationToken));
        }
        return taken;
    }

    /// <summary>The card is safely on its way: removes the entry, unless another caller has leased it since (then it is theirs).</summary>
    public async Task CompleteAsync(DueCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        try
        {
            await _table.DeleteEntityAsync(card.PartitionKey, card.RowKey, card.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // gone already, or re-leased by another instance after our lease ended: theirs to finish
        }
    }

    /// <summary>
    /// Many cards are on their way: removes their entries, 100 to a transaction; when one of a transaction's entries
    /// was re-leased by someone else, that transaction is redone entry by entry.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyCollection<DueCard> cards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        foreach (var chunk in cards.GroupBy(c => c.PartitionKey).SelectMany(day => day.Chunk(100)))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(c => new TableTransactionAction(TableTransactionActionType.Delete,
                    new TableEntity(c.PartitionKey, c.RowKey), c.ETag)), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var card in chunk)
                {
                    await CompleteAsync(card, cancellationToken);
                }
            }
        }
    }

    /// <summary>Taking the card failed: it becomes due again at <paramref name="retryAt"/>.</summary>
    public async Task ReturnAsync(DueCard card, DateTimeOffset retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(card.PartitionKey, card.RowKey) { ["TakenUntil"] = retryAt.ToUniversalTime() },
                card.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // see CompleteAsync
        }
    }

    private static bool IsFree(TableEntity entity, DateTimeOffset now) => entity.GetDateTimeOffset("TakenUntil") is not { } takenUntil || takenUntil <= now;

    /// <summary>
    /// Leases neighbouring entries of one partition in one transaction. When someone else leased one of them first
    /// (usually the whole run), those still free are read again (one range query) and leased in one transaction; should
    /// that fail too, entry by entry.
    /// </summary>
    private async Task<IReadOnlyList<DueCard>> LeaseAsync(TableEntity[] entities, DateTimeOffset now, DateTimeOffset until, bool reread, CancellationToken cancellationToken)
    {
        if (entities.Length > 1)
        {
            try
            {
                var responses = (await _table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    LeaseEntity(e, until), e.ETag)), cancellationToken)).Value;
                if (responses.Count == entities.Length && responses.All(r => r.Headers.ETag is not null))
                {
                    return entities.Select((e, i) => Card(e, responses[i].Headers.ETag!.Value)).ToList();
                }
                // leased, but without the new ETags a completion could not be guarded: read them back one by one below
            }
            catch (TableTransactionFailedException) when (reread)
            {
                return await LeaseAsync([.. await StillFreeAsync(entities, now, cancellationToken)], now, until, reread: false, cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // another instance took or removed one of them first
            }
        }
        var taken = new List<DueCard>();
        foreach (var entity in entities)
        {
            if (await TryLeaseAsync(entity, until, cancellationToken) is { } card)
            {
                taken.Add(card);
            }
        }
        return taken;
    }

    /// <summary>Which of these entries of one partition (in key order) are still there and free: one range query.</summary>
    private async Task<List<TableEntity>> StillFreeAsync(TableEntity[] entities, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = entities.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var ordered = keys.Order(StringComparer.Ordinal).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {entities[0].PartitionKey} and RowKey ge {ordered[0]} and RowKey le {ordered[^1]}");
        var free = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (keys.Contains(entity.RowKey) && IsFree(entity, now))
            {
                free.Add(entity);
            }
        }
        return free;
    }

    private async Task<DueCard?> TryLeaseAsync(TableEntity entity, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // Another instance leased or removed it first: 412 or 404.
        try
        {
            var response = await _table.UpdateEntityAsync(LeaseEntity(entity, until), entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return Card(entity, response.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered an update without an ETag."));
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    private static TableEntity LeaseEntity(TableEntity entity, DateTimeOffset until) =>
        new(entity.PartitionKey, entity.RowKey) { ["TakenUntil"] = until.ToUniversalTime(), ["Attempts"] = (entity.GetInt32("Attempts") ?? 0) + 1 };

    private static DueCard Card(TableEntity entity, ETag etag) => new(entity.GetString("Tenant"), entity.GetString("User"), entity.GetDateTimeOffset("DueAt")!.Value)
    {
        PartitionKey = entity.PartitionKey,
        RowKey = entity.RowKey,
        ETag = etag,
        Attempts = entity.GetInt32("Attempts") ?? 0,
    };

    private static string Partition(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset dueAt, string tenantId, string userId) =>
        dueAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture) + "|" + TableKeys.UserPartition(tenantId, userId);
}
