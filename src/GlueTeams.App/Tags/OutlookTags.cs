using GlueTeams.App.Auth;
using GlueTeams.App.Sync;
using GlueTeams.App.Tenants;
using GlueTeams.App.Users;
using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Calendars;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Tags;

/// <summary>What is known of a meeting the add-in is open on.</summary>
public abstract record TagLookup
{
    /// <summary>The caller's tenant is not one this deployment reads (another tenant than Graph:TenantId, or not consented).</summary>
    public sealed record NotServed : TagLookup;
    /// <summary>No such event in the caller's own calendar: another person's id, or a meeting not saved yet.</summary>
    public sealed record NotFound : TagLookup;
    /// <summary>The event exists but is not counted (cancelled, declined, all day, free, a series master).</summary>
    public sealed record DoesNotCount(SkipReason Reason) : TagLookup;
    /// <summary>
    /// The meeting as GlueTeams sees it: <see cref="Observed"/> is the record the calendar gives now (with the
    /// engine's suggestion), <see cref="Stored"/> the row already kept for it, if any.
    /// </summary>
    public sealed record Found(UserProfile Owner, ActivityRecord Observed, StoredRecord? Stored) : TagLookup;
}

/// <summary>
/// Tags from the Outlook add-in. The meeting is always read from the caller's own mailbox through Graph (the id comes
/// from the client and proves nothing), so a tag can only land on the caller's own event, under the same record id
/// the sync and the weekly card use.
/// </summary>
public sealed class OutlookTags(TenantAccess tenants, ActivityStore activities, UserStore users,
    WeekSync sync, DirectoryProfiles directory, TimeProvider time)
{
    public async Task<TagLookup> LookupAsync(Caller caller, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await tenants.GraphAsync(caller.TenantId, cancellationToken) is not { Calendars: var calendars })
        {
            return new TagLookup.NotServed();
        }
        var owner = await OwnerAsync(caller, cancellationToken);
        if (await calendars.ReadEventAsync(caller.UserId, eventId, owner.TimeZone, cancellationToken) is not { } calendarEvent)
        {
            return new TagLookup.NotFound();
        }
        if (CalendarIngestion.WhySkipped(calendarEvent) is { } reason)
        {
            return new TagLookup.DoesNotCount(reason);
        }
        var week = IsoWeek.Containing(calendarEvent.Start, owner.TimeZone);
        var context = WeekSync.SuggestionContextFor(owner, await sync.HistoryAsync(owner, week, cancellationToken), week);
        var observed = CalendarIngestion.ToRecord(calendarEvent, new CalendarOwner(caller.TenantId, caller.UserId, owner.TimeZone, owner.SharingDefault), context, time.GetUtcNow())!;
        var stored = await activities.GetAsync(caller.TenantId, caller.UserId, ActivityStore.RecordId(observed), cancellationToken);
        return new TagLookup.Found(owner, observed, stored);
    }

    /// <summary>Stores the user's tag on the meeting: confirmed, from the add-in; it replaces any earlier decision.</summary>
    public async Task<WriteResult> TagAsync(TagLookup.Found meeting, ValidTag tag, bool? sharedWithManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(tag);
        var shared = sharedWithManager ?? meeting.Stored?.Record.Confirmation?.SharedWithManager ?? meeting.Owner.SharingDefault ?? false;
        var tagged = meeting.Observed with
        {
            Source = ActivitySource.OutlookTag,
            Status = ActivityStatus.Confirmed,
            Confirmation = tag.ToConfirmation(shared, time.GetUtcNow()),
        };
        return meeting.Stored is { } stored
            ? await activities.ReplaceAsync(stored with { Record = tagged }, cancellationToken)
            : await activities.PutDecidedAsync(tagged, cancellationToken);
    }

    /// <summary>The caller's profile; for someone who never installed the bot, what the directory says (not stored).</summary>
    private async Task<UserProfile> OwnerAsync(Caller caller, CancellationToken cancellationToken) =>
        await users.GetAsync(caller.TenantId, caller.UserId, cancellationToken)
        ?? await directory.CompleteAsync(new UserProfile { TenantId = caller.TenantId, UserId = caller.UserId, DisplayName = caller.Name ?? "" },
            needsTimeZone: true, cancellationToken);
}
