using System.Net.Http.Headers;
using GlueTeams.Core.Net;

namespace GlueTeams.Graph.Http;

/// <summary>The answers Graph asks us to retry after waiting, and how long to wait.</summary>
internal static class GraphRetry
{
    private static readonly TimeSpan s_defaultWait = TimeSpan.FromSeconds(1);

    public static bool IsTransient(int status) => status is 429 or 503 or 504;

    /// <summary>Retry-After as seconds or as a date (<see cref="RetryAfter"/>); one second when absent.</summary>
    public static TimeSpan Wait(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => RetryAfter.Wait(retryAfter, now) ?? s_defaultWait;
}
