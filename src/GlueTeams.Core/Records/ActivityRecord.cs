using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Records;

/// <summary>Where a record's information came from.</summary>
public enum ActivitySource
{
    Graph,
    OutlookTag,
    OutlookCategory,
    Manual,
    /// <summary>Logged from a Teams message with the "Log as glue work" message action.</summary>
    Message,
}

public enum ActivityStatus
{
    Suggested,
    Confirmed,
    Skipped,
}

public enum Impact
{
    Multiplier,
    OneOff,
}

/// <summary>What the tool proposes; never shown to a manager.</summary>
/// <param name="Impact">The suggested impact: multiplier only with a reason (<paramref name="ImpactReason"/>).</param>
public sealed record Suggestion(string CategoryId, double Confidence, string Reason, Impact Impact = Impact.OneOff, string? ImpactReason = null);

/// <summary>What the engineer decided. Only this is ever summarised or shared.</summary>
public sealed record Confirmation(
    string CategoryId,
    Impact Impact,
    Uri? ArtifactLink,
    string? ArtifactTitle,
    string? OutcomeNote,
    bool Delegated,
    bool SharedWithManager,
    DateTimeOffset ConfirmedAt);

/// <summary>One calendar occurrence (or manual entry) of one user, in one ISO week.</summary>
public sealed record ActivityRecord
{
    public const string RedactedTitle = "(private appointment)";

    /// <summary>A meeting with more people than this is a broadcast (an all-hands): its people are not kept one by one.</summary>
    public const int MaxPeople = 100;

    /// <summary>The longest address kept (RFC 5321's path limit); with <see cref="MaxPeople"/>, a record's people fit one table property.</summary>
    public const int MaxAddressLength = 254;

    public required string TenantId { get; init; }
    public required string UserId { get; init; }
    /// <summary>The calendar event's iCalUId (one per occurrence), or another stable id for manual entries.</summary>
    public required string EventKey { get; init; }
    public string? SeriesId { get; init; }
    /// <summary>The event's id in the user's mailbox: how Graph names it when it is removed.</summary>
    public string? CalendarEventId { get; init; }
    /// <summary>The ISO week, in the user's own time zone, that the occurrence starts in.</summary>
    public required IsoWeek Week { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    /// <summary>The subject, or <see cref="RedactedTitle"/> for private and confidential items.</summary>
    public required string Title { get; init; }
    public bool IsRedacted { get; init; }
    public bool IsOrganizer { get; init; }
    public int AttendeeCount { get; init; }
    /// <summary>
    /// The other people in the meeting (lower-case addresses, rooms left out), kept only for items that are not private
    /// and may be glue work (suggested or confirmed glue), and only up to <see cref="MaxPeople"/>: what "people
    /// reached" counts. Only ever shown to the engineer, as counts; a manager's view never reads it.
    /// </summary>
    public IReadOnlyList<string> People { get; init; } = [];
    public ActivitySource Source { get; init; } = ActivitySource.Graph;
    public Suggestion? Suggestion { get; init; }
    public Confirmation? Confirmation { get; init; }
    public ActivityStatus Status { get; init; } = ActivityStatus.Suggested;

    public int Minutes => (int)Math.Max(0, Math.Round((End - Start).TotalMinutes));

    /// <summary>Work the user logged themselves (a "log" command, the tab's Add work, a message action), not a calendar item.</summary>
    public bool IsLogged => Source is ActivitySource.Manual or ActivitySource.Message;

    /// <summary>The category that counts: the confirmed one, else none.</summary>
    public string? ConfirmedCategoryId => Status == ActivityStatus.Confirmed ? Confirmation?.CategoryId : null;
}
