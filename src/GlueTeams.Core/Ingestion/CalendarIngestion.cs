using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Ingestion;

/// <summary>Whose calendar is being read, and their standing choices.</summary>
public sealed record CalendarOwner(string TenantId, string UserId, TimeZoneInfo Zone, bool? SharingDefault);

/// <summary>Why an event did not become a record.</summary>
public enum SkipReason
{
    Cancelled,
    Declined,
    AllDay,
    ShownAsFree,
    SeriesMaster,
}

/// <summary>
/// Turns calendar events into activity records: which events count, what may be stored, and the suggestion.
/// Private and confidential items are redacted before anything else sees them, the engine included, so their
/// subject and attendees can reach neither storage nor a reason text. A "Glue: …" Outlook category is the user's
/// own tag: the record arrives confirmed.
/// </summary>
public static class CalendarIngestion
{
    public static SkipReason? WhySkipped(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return calendarEvent switch
        {
            { IsCancelled: true } => SkipReason.Cancelled,
            { ResponseStatus: var r } when string.Equals(r, "declined", StringComparison.OrdinalIgnoreCase) => SkipReason.Declined,
            { IsAllDay: true } => SkipReason.AllDay,
            { ShowAs: var s } when string.Equals(s, "free", StringComparison.OrdinalIgnoreCase) => SkipReason.ShownAsFree,
            { Type: EventType.SeriesMaster } => SkipReason.SeriesMaster,
            _ => null,
        };
    }

    /// <summary>What may be kept of an event: for private and confidential items, no subject and no attendees.</summary>
    public static CalendarEvent Redact(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return calendarEvent.IsPrivate
            ? calendarEvent with { Subject = ActivityRecord.RedactedTitle, Attendees = [], OrganizerEmail = null }
            : calendarEvent;
    }

    /// <summary>
    /// The addresses "people reached" counts: only of items that are not private (redacted items have none) and may be glue
    /// work; none for a broadcast larger than <see cref="ActivityRecord.MaxPeople"/>.
    /// </summary>
    public static IReadOnlyList<string> PeopleReached(CalendarEvent kept, string userEmail, string categoryId)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (kept.IsPrivate || categoryId == GlueCategories.NotGlueId)
        {
            return [];
        }
        var people = kept.OtherPeople(userEmail).Select(p => p.Trim().ToLowerInvariant())
            .Where(p => p.Length is > 0 and <= ActivityRecord.MaxAddressLength && !p.Contains('\n', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return people.Count > ActivityRecord.MaxPeople ? [] : people;
    }

    /// <summary>The record for an event, or null when the event does not count.</summary>
    public static ActivityRecord? ToRecord(CalendarEvent calendarEvent, CalendarOwner owner, SuggestionContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (WhySkipped(calendarEvent) is not null)
        {
            return null;
        }
        var kept = Redact(calendarEvent);
        var suggestion = SuggestionEngine.Suggest(kept, context);
        var tagged = kept.Categories.Select(GlueCategories.FromOutlookCategory).FirstOrDefault(c => c is not null);
        return new ActivityRecord
        {
            TenantId = owner.TenantId,
            UserId = owner.UserId,
            EventKey = string.IsNullOrEmpty(kept.ICalUId) ? kept.Id : kept.ICalUId,
            SeriesId = kept.SeriesMasterId,
            CalendarEventId = kept.Id,
            Week = IsoWeek.Containing(kept.Start, owner.Zone),
            Start = kept.Start,
            End = kept.End,
            Title = kept.IsPrivate ? ActivityRecord.RedactedTitle : TagValidator.CleanTitle(kept.Subject) ?? "(no title)",
            IsRedacted = kept.IsPrivate,
            IsOrganizer = kept.IsOrganizer,
            AttendeeCount = kept.IsPrivate ? 0 : kept.Attendees.Count(a => a.Type != AttendeeType.Resource),
            People = PeopleReached(kept, context.UserEmail, tagged?.Id ?? suggestion.CategoryId),
            Source = tagged is null ? ActivitySource.Graph : ActivitySource.OutlookCategory,
            Suggestion = suggestion,
            Status = tagged is null ? ActivityStatus.Suggested : ActivityStatus.Confirmed,
            Confirmation = tagged is null
                ? null
                : new Confirmation(tagged.Id, Impact.OneOff, null, null, null, false, owner.SharingDefault == true, now),
        };
    }
}
