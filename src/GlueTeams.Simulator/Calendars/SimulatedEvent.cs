namespace GlueTeams.Simulator.Calendars;

/// <summary>A person on an event: attendee type is required/optional/resource; response as Graph's responseStatus.response.</summary>
public sealed record SimulatedPerson(string Name, string Email, string Type = "required", string Response = "none");

/// <summary>
/// An event in a simulated mailbox with Graph's fields. <see cref="Label"/> is the glue category a person would give
/// it (a category id such as "mentoring" or "not-glue"); it is ground truth for benchmarks and never sent as Graph JSON.
/// </summary>
public sealed record SimulatedEvent
{
    public required string Id { get; init; }
    public required string ICalUId { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    /// <summary>The IANA zone the organiser created the event in.</summary>
    public required string TimeZone { get; init; }
    public required SimulatedPerson Organizer { get; init; }
    public IReadOnlyList<SimulatedPerson> Attendees { get; init; } = [];
    public bool IsOrganizer { get; init; }
    public bool IsAllDay { get; init; }
    public bool IsCancelled { get; init; }
    /// <summary>singleInstance, occurrence, exception or seriesMaster.</summary>
    public string Type { get; init; } = "singleInstance";
    public string? SeriesMasterId { get; init; }
    /// <summary>normal, personal, private or confidential.</summary>
    public string Sensitivity { get; init; } = "normal";
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>free, tentative, busy, oof, workingElsewhere.</summary>
    public string ShowAs { get; init; } = "busy";
    /// <summary>organizer, accepted, tentativelyAccepted, declined, notResponded, none.</summary>
    public string Response { get; init; } = "accepted";
    /// <summary>What Graph would return as the body: it exists so that tests can see it is never asked for.</summary>
    public string Body => $"<html><body><p>Agenda for {Subject}</p><p>Notes from last time are in the team wiki.</p></body></html>";
    public required string Label { get; init; }
}
