using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Records;

/// <summary>
/// Writes records that carry a user's decision (the card, the tabs, the add-in, the quarter review, logged work, a
/// "Glue: …" Outlook category at sync), and after a confirmed one is written, notes on the user's profile that they
/// have confirmed something: a sync reads the weeks before only then. Two tables, two explicit writes, here in one place;
/// the activity store itself writes only activities.
/// </summary>
public sealed class RecordDecisions(ActivityStore activities, UserStore users)
{
    public async Task<WriteResult> ReplaceAsync(StoredRecord updated, CancellationToken cancellationToken = default)
    {
        var result = await activities.ReplaceAsync(updated, cancellationToken);
        await NoteConfirmedAsync(result, cancellationToken);
        return result;
    }

    public async Task<WriteResult> AddDecidedAsync(ActivityRecord record, CancellationToken cancellationToken = default)
    {
        var result = await activities.AddDecidedAsync(record, cancellationToken);
        await NoteConfirmedAsync(result, cancellationToken);
        return result;
    }

    public async Task<WriteResult> PutDecidedAsync(ActivityRecord record, CancellationToken cancellationToken = default)
    {
        var result = await activities.PutDecidedAsync(record, cancellationToken);
        await NoteConfirmedAsync(result, cancellationToken);
        return result;
    }

    /// <inheritdoc cref="ActivityStore.TryUpsertObservedAndAddDecidedAsync"/>
    public async Task<IReadOnlyDictionary<string, Azure.ETag>?> TryUpsertObservedAndAddDecidedAsync(
        IReadOnlyCollection<ActivityRecord> observed, IReadOnlyCollection<ActivityRecord> decided, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var written = await activities.TryUpsertObservedAndAddDecidedAsync(observed, decided, cancellationToken);
        if (written is not null)
        {
            await NoteConfirmedAsync(decided, cancellationToken);
        }
        return written;
    }

    private Task NoteConfirmedAsync(WriteResult result, CancellationToken cancellationToken) =>
        result is WriteResult.Written { Record.Record: var record } ? NoteConfirmedAsync([record], cancellationToken) : Task.CompletedTask;

    /// <summary>Marks each user among <paramref name="written"/> who confirmed something, once per user.</summary>
    private async Task NoteConfirmedAsync(IEnumerable<ActivityRecord> written, CancellationToken cancellationToken)
    {
        foreach (var (tenantId, userId) in written.Where(r => r.Status == ActivityStatus.Confirmed).Select(r => (r.TenantId, r.UserId)).Distinct())
        {
            await users.MarkHasConfirmationsAsync(tenantId, userId, cancellationToken);
        }
    }
}
