using System.Net.Http.Headers;

namespace GlueTeams.Core.Net;

/// <summary>The one reading of a Retry-After header, for Graph (whole requests and $batch steps) and the Teams connector alike.</summary>
public static class RetryAfter
{
    /// <summary>How long the header asks to wait: its seconds, or the time until its date (zero once past); null when there is none.</summary>
    public static TimeSpan? Wait(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta > TimeSpan.Zero ? delta : TimeSpan.Zero,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The same, from the header's text (as an SDK exception carries it); null when it is missing or unreadable.</summary>
    public static TimeSpan? Wait(string? header, DateTimeOffset now) =>
        RetryConditionHeaderValue.TryParse(header, out var parsed) ? Wait(parsed, now) : null;
}
