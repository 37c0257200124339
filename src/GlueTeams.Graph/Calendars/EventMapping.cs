using System.Globalization;
using GlueTeams.Core.Suggestions;
using Microsoft.Graph.Models;

namespace GlueTeams.Graph.Calendars;

/// <summary>From the SDK's Event to <see cref="CalendarEvent"/>, and the fields we ask Graph for (never body).</summary>
internal static class EventMapping
{
    public static readonly string[] SelectedFields =
    [
        "id", "iCalUId", "subject", "start", "end", "isAllDay", "isCancelled", "isOrganizer", "organizer", "attendees",
        "type", "seriesMasterId", "sensitivity", "categories", "showAs", "responseStatus",
    ];

    public static CalendarEvent ToCalendarEvent(Event e, TimeZoneInfo zone) => new()
    {
        Id = e.Id ?? "",
        ICalUId = e.ICalUId ?? e.Id,
        Subject = e.Subject ?? "",
        Start = Instant(e.Start, zone),
        End = Instant(e.End, zone),
        IsAllDay = e.IsAllDay ?? false,
        IsCancelled = e.IsCancelled ?? false,
        IsOrganizer = e.IsOrganizer ?? false,
        OrganizerEmail = e.Organizer?.EmailAddress?.Address,
        Attendees = e.Attendees?
            .Where(a => a.EmailAddress?.Address is not null)
            .Select(a => new Core.Suggestions.Attendee(a.EmailAddress!.Address!, a.Type switch
            {
                Microsoft.Graph.Models.AttendeeType.Optional => Core.Suggestions.AttendeeType.Optional,
                Microsoft.Graph.Models.AttendeeType.Resource => Core.Suggestions.AttendeeType.Resource,
                _ => Core.Suggestions.AttendeeType.Required,
            }))
            .ToList() ?? [],
        Type = e.Type switch
        {
            Microsoft.Graph.Models.EventType.Occurrence => Core.Suggestions.EventType.Occurrence,
            Microsoft.Graph.Models.EventType.Exception => Core.Suggestions.EventType.Exception,
            Microsoft.Graph.Models.EventType.SeriesMaster => Core.Suggestions.EventType.SeriesMaster,
            _ => Core.Suggestions.EventType.SingleInstance,
        },
        SeriesMasterId = e.SeriesMasterId,
        Sensitivity = e.Sensitivity switch
        {
            Microsoft.Graph.Models.Sensitivity.Personal => Core.Suggestions.Sensitivity.Personal,
            Microsoft.Graph.Models.Sensitivity.Private => Core.Suggestions.Sensitivity.Private,
            Microsoft.Graph.Models.Sensitivity.Confidential => Core.Suggestions.Sensitivity.Confidential,
            _ => Core.Suggestions.Sensitivity.Normal,
        },
        Categories = e.Categories?.Where(c => c is not null).Select(c => c!).ToList() ?? [],
        ShowAs = Camel(e.ShowAs),
        ResponseStatus = Camel(e.ResponseStatus?.Response),
    };

    /// <summary>Graph's local date-time plus zone name as an instant; the zone we asked for when the name is unknown here.</summary>
    private static DateTimeOffset Instant(DateTimeTimeZone? value, TimeZoneInfo requested)
    {
        if (value?.DateTime is not { } text)
        {
            return default;
        }
        var local = DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Unspecified);
        var zone = value.TimeZone is not { } name || name == requested.Id ? requested : TimeZones.Find(name) ?? requested;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string? Camel<T>(T? value) where T : struct, Enum =>
        value?.ToString() is { Length: > 0 } name ? char.ToLowerInvariant(name[0]) + name[1..] : null;
}
