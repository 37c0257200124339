using GlueTeams.Core.Suggestions;

namespace GlueTeams.Core.Tests.Suggestions;

/// <summary>Calendar events for the engine tests: the user is me@contoso.com, their manager boss@contoso.com.</summary>
internal static class Events
{
    public const string Me = "me@contoso.com";
    public const string Manager = "boss@contoso.com";

    public static SuggestionContext Context(ConfirmationHistory? history = null, TenantModel? model = null) =>
        new(Me, Manager, history ?? ConfirmationHistory.Empty, model ?? TenantModel.Empty);

    /// <summary>A meeting of the user with <paramref name="others"/>; organised by the user unless said otherwise.</summary>
    public static CalendarEvent Meeting(string subject, params string[] others) => new()
    {
        Id = "evt-" + subject.GetHashCode(StringComparison.Ordinal),
        Subject = subject,
        Start = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 2, 10, 30, 0, TimeSpan.Zero),
        IsOrganizer = true,
        OrganizerEmail = Me,
        Attendees = [.. others.Select(o => new Attendee(o, AttendeeType.Required)), new Attendee(Me, AttendeeType.Required)],
    };

    public static CalendarEvent Group(string subject, int others = 5) =>
        Meeting(subject, [.. Enumerable.Range(1, others).Select(i => $"person{i}@contoso.com")]);

    public static CalendarEvent Recurring(this CalendarEvent calendarEvent, string seriesMasterId) =>
        calendarEvent with { SeriesMasterId = seriesMasterId, Type = EventType.Occurrence };
}
