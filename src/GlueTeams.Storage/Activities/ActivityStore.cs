using Azure;
using Azure.Data.Tables;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Users;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Activities;

/// <summary>A record as stored: its id within the user's partition and the ETag that guards the next write.</summary>
public sealed record StoredRecord(string Id, ActivityRecord Record, ETag ETag);

/// <summary>The outcome of a guarded write. A conflict is an expected outcome, not an exception.</summary>
public abstract record WriteResult
{
    public sealed record Written(StoredRecord Record) : WriteResult;
    /// <summary>Someone else wrote first; <see cref="Current"/> is what is stored now.</summary>
    public sealed record Conflict(StoredRecord Current) : WriteResult;
    public sealed record NotFound : WriteResult;
}

/// <summary>How a batch of observed records was written.</summary>
public sealed record UpsertCounts(int Records, int Transactions)
{
    /// <summary>The ETag each written row has now, by record id (as the transactions answered).</summary>
    public IReadOnlyDictionary<string, ETag> ETags { get; init; } = new Dictionary<string, ETag>();
}

/// <summary>
/// Activity records, one partition per tenant and user, row keys "2026-W47|eventKey" so that any run of weeks is a
/// single range query.
/// </summary>
public sealed class ActivityStore(GlueTables tables)
{
    private readonly TableClient _table = tables.Activities;

    /// <summary>
    /// Writes what the calendar says, in transactions of at most 100. Idempotent by event key; calendar facts and
    /// the suggestion are updated, a user's confirmation or skip is never touched.
    /// </summary>
    public async Task<UpsertCounts> UpsertObservedAsync(IReadOnlyCollection<ActivityRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var actions = records
            .DistinctBy(r => (r.TenantId, r.UserId, RecordIds.Of(r)))
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ActivityEntity.Observed(r)));
        var (etags, transactions) = await SubmitAsync(actions, cancellationToken);
        return new UpsertCounts(records.Count, transactions) { ETags = etags };
    }

    /// <summary>Submits <paramref name="actions"/> in transactions within Azure's limits; the ETag of every row written, by record id.</summary>
    private async Task<(Dictionary<string, ETag> ETags, int Transactions)> SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var transactions = 0;
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        foreach (var batch in TableLimits.Transactions(actions))
        {
            var responses = (await _table.SubmitTransactionAsync(batch, cancellationToken)).Value;
            for (var i = 0; i < responses.Count && i < batch.Count; i++)
            {
                if (responses[i].Headers.ETag is { } etag)
                {
                    etags[batch[i].Entity.RowKey] = etag;
                }
            }
            transactions++;
        }
        return (etags, transactions);
    }

    /// <summary>
    /// The first write of a week that already carries decisions (meetings tagged "Glue: …" in Outlook): what the calendar
    /// says is merged and the decided rows are added in the same transactions, so a tag costs no request of its own.
    /// Returns the ETag of every row by record id; null when a decided row existed already (that transaction wrote
    /// nothing: the caller decides row by row, as <see cref="AddDecidedAsync"/> lets it).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ETag>?> TryUpsertObservedAndAddDecidedAsync(
        IReadOnlyCollection<ActivityRecord> observed, IReadOnlyCollection<ActivityRecord> decided, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(decided);
        var actions = observed.DistinctBy(r => (r.TenantId, r.UserId, RecordIds.Of(r)))
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ActivityEntity.Observed(r)))
            .Concat(decided.DistinctBy(r => (r.TenantId, r.UserId, RecordIds.Of(r))).Select(r => new TableTransactionAction(TableTransactionActionType.Add, ActivityEntity.Full(r))));
        Dictionary<string, ETag> etags;
        try
        {
            (etags, _) = await SubmitAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
        return etags;
    }

    /// <summary>
    /// What a row that the write of <paramref name="record"/> created holds, as a read would return it (calendar facts
    /// only, or with the decision when <paramref name="decided"/>): for a caller that knows the row did not exist
    /// before, so need not read it back.
    /// </summary>
    public static StoredRecord AsWritten(ActivityRecord record, ETag etag, bool decided = false) =>
        new(RecordIds.Of(record), ActivityEntity.ToRecord(decided ? ActivityEntity.Full(record) : ActivityEntity.Observed(record)), etag);

    /// <summary>The one-request form of <see cref="UpsertObservedAsync"/>, for a single change notification.</summary>
    public async Task UpsertObservedAsync(ActivityRecord record, CancellationToken cancellationToken = default)
    {
        var entity = ActivityEntity.Observed(record);
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Adds a record with its decision if its row does not exist yet: one request in the common case. When the row
    /// exists, nothing is written and <see cref="WriteResult.Conflict"/> carries what is stored, for the caller to decide.
    /// </summary>
    public async Task<WriteResult> AddDecidedAsync(ActivityRecord record, CancellationToken cancellationToken = default)
    {
        var entity = ActivityEntity.Full(record);
        TableLimits.CheckEntity(entity);
        try
        {
            var added = await _table.AddEntityAsync(entity, cancellationToken);
            return new WriteResult.Written(new StoredRecord(RecordIds.Of(record), record, added.Headers.ETag ?? default));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(record.TenantId, record.UserId, RecordIds.Of(record), cancellationToken);
            return existing is null ? new WriteResult.NotFound() : new WriteResult.Conflict(existing);
        }
    }

    /// <summary>Adds a record with its decision (a manual entry or an Outlook tag), replacing whatever its row held.</summary>
    public async Task<WriteResult> PutDecidedAsync(ActivityRecord record, CancellationToken cancellationToken = default)
    {
        var added = await AddDecidedAsync(record, cancellationToken);
        return added is WriteResult.Conflict { Current: var existing } ? await ReplaceAsync(existing with { Record = record }, cancellationToken) : added;
    }

    public async Task<StoredRecord?> GetAsync(string tenantId, string userId, string recordId, CancellationToken cancellationToken = default)
    {
        if (!RecordIds.TryParse(recordId, out _))
        {
            return null;
        }
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.UserPartition(tenantId, userId), recordId, cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    /// <summary>Every record of the user from the start of <paramref name="from"/> to the end of <paramref name="to"/>, in time order.</summary>
    public async Task<IReadOnlyList<StoredRecord>> ListAsync(string tenantId, string userId, IsoWeek from, IsoWeek to, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.UserPartition(tenantId, userId)} and RowKey ge {RecordIds.Prefix(from)} and RowKey lt {RecordIds.Prefix(to.Next)}");
        var records = new List<StoredRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(ToStored(entity));
        }
        return records.OrderBy(r => r.Record.Start).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The user's records of the <see cref="SuggestionContext.HistoryWeeks"/> weeks before <paramref name="week"/> that
    /// the engine learns from; none read when they never confirmed anything.
    /// </summary>
    public async Task<IReadOnlyList<StoredRecord>> HistoryAsync(UserProfile user, IsoWeek week, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasConfirmations
            ? await ListAsync(user.TenantId, user.UserId, week.AddWeeks(-SuggestionContext.HistoryWeeks), week.Previous, cancellationToken)
            : [];
    }

    /// <summary>Every record of the user, in time order: one partition query (a sharing change, an export of everything).</summary>
    public async Task<IReadOnlyList<StoredRecord>> ListAllAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var records = new List<StoredRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.UserPartition(tenantId, userId)}"), cancellationToken: cancellationToken))
        {
            records.Add(ToStored(entity));
        }
        return records.OrderBy(r => r.Record.Start).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Sets "shared with my manager" on each confirmed record of <paramref name="records"/> that says otherwise; returns
    /// how many changed. Only that one field is merged, in transactions of at most 100, so that a concurrent edit of
    /// the note or category is kept; a row deleted meanwhile is skipped (the merge never creates a row).
    /// </summary>
    public async Task<int> SetSharedAsync(IEnumerable<StoredRecord> records, bool shared, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var changing = records
            .Where(r => r.Record is { Status: ActivityStatus.Confirmed, Confirmation: { } c } && c.SharedWithManager != shared)
            .Select(r => new TableEntity(TableKeys.UserPartition(r.Record.TenantId, r.Record.UserId), r.Id) { ["ConfShared"] = shared })
            .ToList();
        var changed = 0;
        foreach (var batch in TableLimits.Transactions(changing.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All))))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                changed += batch.Count;
            }
            catch (TableTransactionFailedException)
            {
                changed += await SetSharedOneByOneAsync(batch.Select(a => (TableEntity)a.Entity), cancellationToken);
            }
        }
        return changed;
    }

    private async Task<int> SetSharedOneByOneAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var entity in entities)
        {
            try
            {
                await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
                changed++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // deleted since it was read: nothing to share or hide
            }
        }
        return changed;
    }

    /// <summary>Writes the whole record if nobody wrote since <see cref="StoredRecord.ETag"/> was read.</summary>
    public async Task<WriteResult> ReplaceAsync(StoredRecord updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var entity = ActivityEntity.Full(updated.Record);
        if (entity.RowKey != updated.Id)
        {
            throw new ArgumentException("A record's week and event key cannot change in place.", nameof(updated));
        }
        TableLimits.CheckEntity(entity);
        try
        {
            var response = await _table.UpdateEntityAsync(entity, updated.ETag, TableUpdateMode.Replace, cancellationToken);
            return new WriteResult.Written(updated with { ETag = response.Headers.ETag ?? default });
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            var current = await GetAsync(updated.Record.TenantId, updated.Record.UserId, updated.Id, cancellationToken);
            return current is null ? new WriteResult.NotFound() : new WriteResult.Conflict(current);
        }
    }

    /// <summary>Deletes the record if nobody wrote since it was read (a meeting moved out of its week, or cancelled).</summary>
    public async Task<bool> DeleteAsync(StoredRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.DeleteEntityAsync(TableKeys.UserPartition(record.Record.TenantId, record.Record.UserId), record.Id, record.ETag, cancellationToken);
            return response.Status != 404; // the SDK returns a 404 on delete instead of throwing
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes every record of one user. Returns how many were deleted.</summary>
    public Task<int> DeleteAllAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        TableDeletes.DeletePartitionAsync(_table, TableKeys.UserPartition(tenantId, userId), cancellationToken);

    private static StoredRecord ToStored(TableEntity entity) => new(entity.RowKey, ActivityEntity.ToRecord(entity), entity.ETag);
}
