using System.Collections.Concurrent;
using System.Threading.Channels;
using GlueTeams.App.Records;
using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Calendars;
using GlueTeams.App.Tenants;
using GlueTeams.App.Users;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Sync;

/// <summary>How one user's week went: how many records it holds now, or why it failed.</summary>
/// <param name="GraphStatus">Graph's status when the calendar could not be read (403: admin consent missing).</param>
public sealed record UserSyncResult(string TenantId, string UserId, IsoWeek Week, int Records, string? Error, int? GraphStatus = null)
{
    public bool Succeeded => Error is null;

    /// <summary>
    /// The week's rows as stored now, in time order, when the sync knows them without reading them back: the week's
    /// first sync for a user who never decided anything, so every row is one it just wrote. Null: read the week.
    /// </summary>
    public IReadOnlyList<StoredRecord>? StoredWeek { get; init; }
}

/// <summary>What a sync wrote: the ids of the week's rows, and the rows as stored when every write said (else null).</summary>
internal sealed record WrittenRecords(IReadOnlyCollection<string> Ids, IReadOnlyList<StoredRecord>? Stored);

/// <summary>
/// Brings users' weeks from Graph into storage. Many users' calendars are read through $batch; then, per user, one
/// range query reads the week and the weeks before it (earlier confirmations teach the engine; the week's own rows
/// show what vanished), and one transaction writes what the calendar says. Idempotent: a re-run changes nothing a
/// user decided, and never duplicates. Each tenant's calendars are read with that tenant's own Graph token; a tenant
/// this deployment does not read (no consent) fails like a refused permission (403), so the card says so.
/// </summary>
/// <param name="models">The tenants' models of confirmed titles; without it the engine uses its rules and the user's history only.</param>
public sealed class WeekSync(TenantAccess tenants, ActivityStore activities, RecordDecisions decisions, SyncStateStore syncStates, TimeProvider time, ErasureGuard erasures,
    Suggestions.TenantModels? models = null)
{
    /// <summary>What a user of a tenant that was not consented to gets: what Graph itself answers without consent.</summary>
    public const int NotServedStatus = 403;

    private const int StorageParallelism = 8;

    /// <summary>Syncs the week of every user given; results in the order of <paramref name="users"/>.</summary>
    public async Task<IReadOnlyList<UserSyncResult>> SyncAsync(IReadOnlyList<UserProfile> users, IsoWeek week, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var requests = users.Select(u => new WeekRequest(u.UserId, week, u.TimeZone)).ToList();
        // Each person's week is stored as soon as it is read, while others of their $batch wait out a Retry-After.
        var read = Channel.CreateUnbounded<(int Index, WeekResult Result)>(new UnboundedChannelOptions { SingleWriter = false });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadIntoAsync(users, requests, read.Writer, stopReading.Token);
        var results = new UserSyncResult[users.Count];
        var written = new ConcurrentBag<int>();
        try
        {
            await Parallel.ForEachAsync(read.Reader.ReadAllAsync(cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = StorageParallelism, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    if (!item.Result.Succeeded)
                    {
                        results[item.Index] = new UserSyncResult(users[item.Index].TenantId, users[item.Index].UserId, week, 0, $"Graph answered {item.Result.FailedStatus}", item.Result.FailedStatus);
                        return;
                    }
                    written.Add(item.Index); // before the write: one that fails halfway is checked too
                    results[item.Index] = await WriteWeekAsync(users[item.Index], week, item.Result.Events, ct);
                });
        }
        catch
        {
            await stopReading.CancelAsync(); // storing failed: reading the rest of the calendars is wasted
            await UndoErasedAsync(users, written, week, results, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await reading;
        await UndoErasedAsync(users, written, week, results, cancellationToken);
        return results;
    }

    /// <summary>
    /// The erasure check after the writes, one tombstone query per tenant for all its users written here: the erasure
    /// marks before it deletes, so a write either precedes its delete or is followed by this check, which sees the
    /// tombstone and undoes it (an empty result). Users erased before the sync started have no profile, so the worker
    /// and the scheduler never get here.
    /// </summary>
    private async Task UndoErasedAsync(IReadOnlyList<UserProfile> users, IEnumerable<int> written, IsoWeek week, UserSyncResult[] results, CancellationToken cancellationToken)
    {
        foreach (var tenant in written.GroupBy(i => users[i].TenantId, StringComparer.Ordinal))
        {
            var erased = await erasures.UndoErasedAmongAsync(tenant.Key, [.. tenant.Select(i => users[i].UserId)], cancellationToken);
            foreach (var i in tenant.Where(i => erased.Contains(users[i].UserId)))
            {
                results[i] = Erased(users[i], week);
            }
        }
    }

    /// <summary>Reads every tenant's users with that tenant's Graph, the tenants side by side.</summary>
    private async Task ReadIntoAsync(IReadOnlyList<UserProfile> users, List<WeekRequest> requests, ChannelWriter<(int, WeekResult)> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, users.Count).GroupBy(i => users[i].TenantId, StringComparer.OrdinalIgnoreCase).Select(async tenant =>
            {
                var indices = tenant.ToList();
                if (await tenants.GraphAsync(tenant.Key, cancellationToken) is not { } graph)
                {
                    indices.ForEach(i => writer.TryWrite((i, new WeekResult(requests[i], [], NotServedStatus))));
                    return;
                }
                await graph.Calendars.ReadWeeksAsync([.. indices.Select(i => requests[i])], (index, result) => writer.TryWrite((indices[index], result)), cancellationToken);
            }));
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    /// <summary>
    /// Re-syncs one user's week after a change notification: only what changed since the stored delta link (all of
    /// the week when there is none yet, or Graph says it expired).
    /// </summary>
    public async Task<UserSyncResult> ResyncAsync(UserProfile user, IsoWeek week, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await erasures.IsErasedAsync(user.TenantId, user.UserId, cancellationToken))
        {
            return Erased(user, week);
        }
        if (await tenants.GraphAsync(user.TenantId, cancellationToken) is not { Calendars: var calendars })
        {
            return new UserSyncResult(user.TenantId, user.UserId, week, 0, "Graph answered 403: the tenant is not one this deployment reads", NotServedStatus);
        }
        var state = await syncStates.GetAsync(user.TenantId, user.UserId, week, cancellationToken);
        var changes = await calendars.ReadWeekChangesAsync(new WeekRequest(user.UserId, week, user.TimeZone), state?.DeltaLink, cancellationToken);
        var known = await activities.ListAsync(user.TenantId, user.UserId, week.AddWeeks(-SuggestionContext.HistoryWeeks), week, cancellationToken);
        var thisWeek = known.Where(r => r.Record.Week == week).ToList();
        var history = known.Where(r => r.Record.Week < week).ToList();
        // A delta round names the events that changed or were removed; every other row of the week stays as it is.
        // A changed event that no longer counts (cancelled, declined, moved out of the week) loses its row.
        var touched = changes.RemovedIds.Concat(changes.Changed.Select(e => e.Id)).ToHashSet(StringComparer.Ordinal);
        var keep = changes.WasFullResync ? (Func<StoredRecord, bool>)(_ => false) : r => !touched.Contains(r.Record.CalendarEventId ?? "");
        var (written, _) = await WriteRecordsAsync(user, week, changes.Changed, history, thisWeek, cancellationToken);
        var recordIds = await RemoveVanishedAsync(thisWeek, written, keep, cancellationToken);
        await syncStates.RecordSyncedAsync(user.TenantId, user.UserId, week, time.GetUtcNow(), changes.DeltaLink, recordIds, cancellationToken);
        return await erasures.UndoIfErasedAsync(user.TenantId, user.UserId, cancellationToken)
            ? Erased(user, week)
            : new UserSyncResult(user.TenantId, user.UserId, week, recordIds.Count, null);
    }

    /// <summary>A user whose data was erased while (or before) their week was read: nothing stored, nothing to retry.</summary>
    private static UserSyncResult Erased(UserProfile user, IsoWeek week) => new(user.TenantId, user.UserId, week, 0, null);

    /// <summary>
    /// A full sync of one user's week, in as few storage requests as possible (on Azurite a partition range query scans
    /// the whole table). Most weeks are synced once: the records are written in one transaction, then one insert of the
    /// week's sync state lists them, and nothing can have vanished. If the week was synced before, that insert fails;
    /// then the state's list of what the last sync wrote shows which rows vanished (a meeting moved away or cancelled).
    /// </summary>
    private async Task<UserSyncResult> WriteWeekAsync(UserProfile user, IsoWeek week, IReadOnlyList<CalendarEvent> events, CancellationToken cancellationToken)
    {
        var history = await activities.HistoryAsync(user, week, cancellationToken);
        var (written, stored) = await WriteRecordsAsync(user, week, events, history, [], cancellationToken);
        var now = time.GetUtcNow();
        if (await syncStates.TryAddFirstSyncAsync(user.TenantId, user.UserId, week, now, written, cancellationToken))
        {
            // No sync wrote this week before, and the user never decided anything (no tag, no confirmation): every row
            // of the week is one written just now, so the weekly card need not read them back.
            return new UserSyncResult(user.TenantId, user.UserId, week, written.Count, null) { StoredWeek = user.HasConfirmations ? null : stored };
        }
        var state = await syncStates.GetAsync(user.TenantId, user.UserId, week, cancellationToken);
        var thisWeek = state?.RecordIds is { } ids
            ? await GetAllAsync(user, ids.Except(written, StringComparer.Ordinal).ToList(), cancellationToken)
            : await activities.ListAsync(user.TenantId, user.UserId, week, week, cancellationToken);
        var recordIds = await RemoveVanishedAsync(thisWeek, written, _ => false, cancellationToken);
        await syncStates.RecordSyncedAsync(user.TenantId, user.UserId, week, now, recordIds: recordIds, cancellationToken: cancellationToken);
        return new UserSyncResult(user.TenantId, user.UserId, week, recordIds.Count, null);
    }

    private async Task<IReadOnlyList<StoredRecord>> GetAllAsync(UserProfile user, List<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<StoredRecord>(ids.Count);
        foreach (var id in ids)
        {
            if (await activities.GetAsync(user.TenantId, user.UserId, id, cancellationToken) is { } record)
            {
                found.Add(record);
            }
        }
        return found;
    }

    /// <summary>
    /// Writes the records for <paramref name="events"/>; returns their ids, and the rows as stored when each write said
    /// (a row that existed may hold more: a decision). <paramref name="thisWeek"/> holds rows already read, if any.
    /// </summary>
    private async Task<WrittenRecords> WriteRecordsAsync(UserProfile user, IsoWeek week, IReadOnlyList<CalendarEvent> events,
        IReadOnlyList<StoredRecord> history, IReadOnlyList<StoredRecord> thisWeek, CancellationToken cancellationToken)
    {
        var model = models is null ? null : await models.GetAsync(user.TenantId, cancellationToken);
        var context = SuggestionContext.For(user, history.Select(r => r.Record), week, events, model);
        var owner = new CalendarOwner(user.TenantId, user.UserId, user.TimeZone, user.SharingDefault);
        var now = time.GetUtcNow();
        var records = events
            .Select(e => CalendarIngestion.ToRecord(e, owner, context, now))
            .OfType<ActivityRecord>()
            .Where(r => r.Week == week) // calendarView also returns meetings that started in the week before
            .DistinctBy(RecordIds.Of)
            .ToList();
        var existing = thisWeek.ToDictionary(r => r.Id, StringComparer.Ordinal);

        // A "Glue: …" Outlook category confirms a row the user has not decided yet; otherwise only calendar facts are written.
        var tagged = records.Where(r => r.Status == ActivityStatus.Confirmed).ToList();
        var observed = records.Except(tagged).ToList();
        var ids = records.Select(RecordIds.Of).ToHashSet(StringComparer.Ordinal);
        // With no rows known, tagged rows are added in the facts' own transactions; one that exists already fails them, and then row by row below.
        if (existing.Count == 0 && tagged.Count > 0 && await decisions.TryUpsertObservedAndAddDecidedAsync(observed, tagged, cancellationToken) is { } written)
        {
            return new WrittenRecords(ids, Stored(observed.Select(r => (r, false)).Concat(tagged.Select(r => (r, true))), written));
        }
        var etags = (await activities.UpsertObservedAsync(observed, cancellationToken)).ETags;
        var stored = Stored(observed.Select(r => (r, false)), etags);
        foreach (var record in tagged)
        {
            var current = existing.GetValueOrDefault(RecordIds.Of(record));
            if (current is null)
            {
                var added = await decisions.AddDecidedAsync(record, cancellationToken);
                if (added is WriteResult.Written { Record: var row })
                {
                    stored?.Add(ActivityStore.AsWritten(record, row.ETag, decided: true)); // a new row: the category is the decision
                    continue;
                }
                if (added is not WriteResult.Conflict { Current: var conflicting })
                {
                    stored = null; // there a moment ago, gone now: read the week
                    continue;
                }
                current = conflicting;
            }
            stored = null; // a row that was there before: what it holds now is not known here
            if (current.Record.Status == ActivityStatus.Confirmed)
            {
                await activities.UpsertObservedAsync(record, cancellationToken); // decided already (card, tab or add-in): keep it
            }
            else
            {
                await decisions.ReplaceAsync(current with { Record = record }, cancellationToken);
            }
        }
        return new WrittenRecords(ids, stored?.OrderBy(r => r.Record.Start).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The rows as the writes left them, in time order, when every write gave its ETag; else null.</summary>
    private static List<StoredRecord>? Stored(IEnumerable<(ActivityRecord Record, bool Decided)> rows, IReadOnlyDictionary<string, Azure.ETag> etags)
    {
        var stored = new List<StoredRecord>();
        foreach (var (record, decided) in rows)
        {
            if (!etags.TryGetValue(RecordIds.Of(record), out var etag))
            {
                return null;
            }
            stored.Add(ActivityStore.AsWritten(record, etag, decided));
        }
        return stored.OrderBy(r => r.Record.Start).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Removes the week's unconfirmed rows that were not <paramref name="seen"/> now and are not kept by
    /// <paramref name="keepUnseen"/> (a meeting moved to another week, or cancelled); returns the ids the week keeps.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> RemoveVanishedAsync(IReadOnlyList<StoredRecord> thisWeek, IReadOnlyCollection<string> seen,
        Func<StoredRecord, bool> keepUnseen, CancellationToken cancellationToken)
    {
        foreach (var gone in thisWeek.Where(r => !seen.Contains(r.Id) && r.Record.Status != ActivityStatus.Confirmed && !keepUnseen(r)))
        {
            await activities.DeleteAsync(gone, cancellationToken);
        }
        var kept = thisWeek.Where(r => !seen.Contains(r.Id) && (r.Record.Status == ActivityStatus.Confirmed || keepUnseen(r))).Select(r => r.Id);
        return seen.Concat(kept).ToList();
    }
}
