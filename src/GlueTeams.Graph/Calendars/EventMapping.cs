using System.Globalization;
using Microsoft.Graph.Models;

namespace GlueTeams.Graph.Calendars;

/// <summary>From the SDK's Event to <see cref="CalendarEventData"/>, and the fields we ask Graph for (never body).</summary>
internal static class EventMapping
{
    public static readonly string[] SelectedFields =
    [
        "id", "iCalUId", "subject", "start", "end", "isAllDay", "isCancelled", "isOrganizer", "organizer", "attendees",
        "type", "seriesMasterId", "sensitivity", "categories", "showAs", "responseStatus",
    ];

    public static CalendarEventData ToData(Event e, TimeZoneInfo zone) => new()
    {
        Id = e.Id ?? "",
        ICalUId = e.ICalUId ?? e.Id ?? "",
        Subject = e.Subject ?? "",
        Start = Instant(e.Start, zone),
        End = Instant(e.End, zone),
        IsAllDay = e.IsAllDay ?? false,
        IsCancelled = e.IsCancelled ?? false,
        IsOrganizer = e.IsOrganizer ?? false,
        Organizer = e.Organizer?.EmailAddress is { } organizer ? new EventPerson(organizer.Name, organizer.Address) : null,
        Attendees = e.Attendees?.Select(a => new EventPerson(a.EmailAddress?.Name, a.EmailAddress?.Address, Camel(a.Type), Camel(a.Status?.Response))).ToList() ?? [],
        Type = Camel(e.Type) ?? "singleInstance",
        SeriesMasterId = e.SeriesMasterId,
        Sensitivity = Camel(e.Sensitivity) ?? "normal",
        Categories = e.Categories?.Where(c => c is not null).Select(c => c!).ToList() ?? [],
        ShowAs = Camel(e.ShowAs) ?? "busy",
        Response = Camel(e.ResponseStatus?.Response) ?? "none",
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
