namespace GlueTeams.Core.Suggestions;

public enum EventType
{
    SingleInstance,
    Occurrence,
    Exception,
    SeriesMaster,
}

public enum Sensitivity
{
    Normal,
    Personal,
    Private,
    Confidential,
}

public enum AttendeeType
{
    Required,
    Optional,
    Resource,
}

public sealed record Attendee(string Email, AttendeeType Type);

/// <summary>The parts of a Graph calendar event that a suggestion may use. Bodies are never part of it.</summary>
public sealed record CalendarEvent
{
    public required string Id { get; init; }
    public string? ICalUId { get; init; }
    public string Subject { get; init; } = "";
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public bool IsOrganizer { get; init; }
    public string? OrganizerEmail { get; init; }
    public IReadOnlyList<Attendee> Attendees { get; init; } = [];
    public string? SeriesMasterId { get; init; }
    public EventType Type { get; init; } = EventType.SingleInstance;
    public Sensitivity Sensitivity { get; init; } = Sensitivity.Normal;
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool IsAllDay { get; init; }
    public bool IsCancelled { get; init; }
    /// <summary>Graph's free/busy value as sent: free, tentative, busy, oof, workingElsewhere, unknown.</summary>
    public string? ShowAs { get; init; }
    /// <summary>The user's own response as sent: none, organizer, accepted, tentativelyAccepted, declined, notResponded.</summary>
    public string? ResponseStatus { get; init; }

    public bool IsRecurring => SeriesMasterId is not null || Type is EventType.Occurrence or EventType.Exception or EventType.SeriesMaster;

    public bool IsPrivate => Sensitivity is Sensitivity.Private or Sensitivity.Confidential;

    /// <summary>
    /// The people in the meeting other than <paramref name="userEmail"/>: attendees that are not rooms or equipment,
    /// plus the organizer, who Graph does not always list among the attendees.
    /// </summary>
    public IReadOnlyList<string> OtherPeople(string userEmail)
    {
        var people = Attendees.Where(a => a.Type != AttendeeType.Resource).Select(a => a.Email);
        if (OrganizerEmail is not null)
        {
            people = people.Append(OrganizerEmail);
        }
        return people
            .Where(email => !string.IsNullOrWhiteSpace(email) && !string.Equals(email, userEmail, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
