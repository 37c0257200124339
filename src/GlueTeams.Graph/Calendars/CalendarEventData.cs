namespace GlueTeams.Graph.Calendars;

/// <summary>Someone on an event: attendee type (required/optional/resource) and response as Graph names them.</summary>
public sealed record EventPerson(string? Name, string? Email, string? Type = null, string? Response = null);

/// <summary>
/// A calendar event as GlueTeams needs it, independent of the Graph SDK: times as instants with the offset of the
/// zone they were read in, enum values as Graph's camelCase names (type: singleInstance/occurrence/exception;
/// sensitivity: normal/private…; showAs: free/busy…; response: accepted/declined/organizer…). Never a body.
/// </summary>
public sealed record CalendarEventData
{
    public required string Id { get; init; }
    public required string ICalUId { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public bool IsAllDay { get; init; }
    public bool IsCancelled { get; init; }
    public bool IsOrganizer { get; init; }
    public EventPerson? Organizer { get; init; }
    public IReadOnlyList<EventPerson> Attendees { get; init; } = [];
    public string Type { get; init; } = "singleInstance";
    public string? SeriesMasterId { get; init; }
    public string Sensitivity { get; init; } = "normal";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string ShowAs { get; init; } = "busy";
    public string Response { get; init; } = "none";

    public bool IsPrivate => Sensitivity is "private" or "confidential";
}
