using Azure;
using GlueTeams.Core.Net;
using Microsoft.Kiota.Abstractions;

namespace GlueTeams.App.Extensions;

/// <summary>A dependency that did not answer: which one (for the message and the log), and when to try again.</summary>
public sealed record DependencyFailure(string Dependency, TimeSpan RetryAfter)
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Storage or Graph unreachable, throttled, failing (5xx) or timing out; null for anything else (a bug is a bug).
    /// <paramref name="requestAborted"/>: the caller went away, so a cancellation is theirs, not a timeout.
    /// <paramref name="time"/> reads a Retry-After given as a date.
    /// </summary>
    public static DependencyFailure? Of(Exception exception, bool requestAborted = false, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsStorage(exception))
        {
            return new("Storage", DefaultRetryAfter);
        }
        return exception switch
        {
            ApiException api when IsTransient(api.ResponseStatusCode) => new("Microsoft Graph", GraphRetryAfter(api, (time ?? TimeProvider.System).GetUtcNow())),
            HttpRequestException => new("A service GlueTeams depends on", DefaultRetryAfter),
            TimeoutException or OperationCanceledException when !requestAborted => new("A service GlueTeams depends on", DefaultRetryAfter),
            Azure.Identity.AuthenticationFailedException => new("Sign-in to Microsoft Graph", DefaultRetryAfter),
            // The Graph SDK gives up after its retries with every attempt's error in one AggregateException.
            AggregateException { InnerExceptions.Count: > 0 } all when all.InnerExceptions.All(e => Of(e, requestAborted, time) is not null)
                => Of(all.InnerExceptions[^1], requestAborted, time),
            _ => null,
        };
    }

    /// <summary>Table or queue storage unreachable (no answer, a timeout, throttling, 5xx) or its tables not created yet.</summary>
    public static bool IsStorage(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 || IsTransient(e.Status) || e.ErrorCode is "TableNotFound" or "QueueNotFound",
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.All(IsStorage), // Azure.Core's "Retry failed after N tries"
        _ => false,
    };

    /// <summary>Storage answered that a table or queue does not exist.</summary>
    public static bool IsMissingResource(Exception exception) => exception switch
    {
        RequestFailedException e => e.ErrorCode is "TableNotFound" or "QueueNotFound",
        AggregateException all => all.InnerExceptions.Any(IsMissingResource),
        _ => false,
    };

    private static bool IsTransient(int status) => status is 429 or >= 500;

    private static TimeSpan GraphRetryAfter(ApiException e, DateTimeOffset now)
    {
        var header = e.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return Core.Net.RetryAfter.Wait(header, now) is { } wait && wait > TimeSpan.Zero
            ? (wait < MaxRetryAfter ? wait : MaxRetryAfter)
            : DefaultRetryAfter;
    }
}
