using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Demo;

/// <summary>
/// Development only (./glue demo): writes a realistic current week for the Test Tool's user through the same ingestion
/// and suggestion path a calendar sync uses, so that "this week" has something to show before the Graph sync lands.
/// </summary>
internal static class DemoCalendar
{
    private const string User = "ada@glueteams.example";
    private const string Manager = "grace@glueteams.example";

    private sealed record Meeting(int Day, int Hour, int Minutes, string Subject, int People, string? Series = null, string? Organizer = null);

    private static readonly Meeting[] Week =
    [
        new(0, 9, 15, "Platform sync", 6, "platform-sync"),
        new(0, 10, 60, "Mentoring: Priya, career growth", 1),
        new(0, 14, 30, "Onboarding buddy check-in with Sam", 1),
        new(1, 11, 60, "Design review: payments RFC", 8),
        new(1, 13, 120, "Focus time", 0),
        new(2, 9, 15, "Platform sync", 6, "platform-sync"),
        new(2, 10, 30, "1:1 Ada / Grace", 1, Organizer: Manager),
        new(2, 15, 60, "Postmortem: checkout outage", 9),
        new(3, 10, 60, "Interview: backend engineer loop", 3),
        new(3, 16, 45, "Tech talk: observability 101", 25),
        new(4, 9, 15, "Platform sync", 6, "platform-sync"),
        new(4, 11, 60, "Sprint retro", 7),
        new(4, 14, 60, "Code review pairing with Alex", 1),
    ];

    public static async Task SeedAsync(ActivityStore activities, string tenantId, string userId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var week = IsoWeek.Containing(now, zone);
        var owner = new CalendarOwner(tenantId, userId, zone, null);
        var context = SuggestionContext.Cold(User, Manager);
        var records = Week.Select((m, i) =>
        {
            var start = LocalTime.ToInstant(week.Monday.AddDays(m.Day).ToDateTime(new TimeOnly(m.Hour, 0)), zone);
            var calendarEvent = new CalendarEvent
            {
                Id = $"demo-{week}-{i}",
                ICalUId = $"demo-{week}-{i}",
                Subject = m.Subject,
                Start = start,
                End = start.AddMinutes(m.Minutes),
                IsOrganizer = m.Organizer is null,
                OrganizerEmail = m.Organizer ?? User,
                Attendees = [.. Enumerable.Range(0, m.People).Select(p => new Attendee(p == 0 && m.Organizer is not null ? m.Organizer : $"colleague{i}-{p}@glueteams.example", AttendeeType.Required))],
                SeriesMasterId = m.Series,
                Type = m.Series is null ? EventType.SingleInstance : EventType.Occurrence,
                ShowAs = "busy",
                ResponseStatus = m.Organizer is null ? "organizer" : "accepted",
            };
            return CalendarIngestion.ToRecord(calendarEvent, owner, context, now);
        }).OfType<Core.Records.ActivityRecord>().ToList();
        await activities.UpsertObservedAsync(records, cancellationToken);
    }
}
