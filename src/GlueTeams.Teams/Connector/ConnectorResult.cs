using System.Net;

namespace GlueTeams.Teams.Connector;

public enum ConnectorFailure
{
    /// <summary>The serviceUrl's host is not on Bot:AllowedServiceUrlHosts; nothing was sent.</summary>
    ServiceUrlNotAllowed,
    /// <summary>The connector answered with an error (after the in-call retries, for retryable ones).</summary>
    HttpError,
    /// <summary>No answer: connection refused, DNS, or the call timed out. It may or may not have arrived.</summary>
    Unreachable,
    /// <summary>The bot's own token could not be acquired; nothing was sent.</summary>
    NoToken,
    /// <summary>The send rate had no slot within the longest wait the caller allowed; nothing was sent.</summary>
    NoSendSlot,
}

/// <summary>What a connector call produced: the response body, or why not. Expected failures are values.</summary>
public sealed record ConnectorResult<T> where T : class
{
    private ConnectorResult(T? value, ConnectorFailure? failure, HttpStatusCode? status, string? message, TimeSpan? retryAfter) =>
        (Value, Failure, Status, Message, RetryAfter) = (value, failure, status, message, retryAfter);

    public T? Value { get; }
    public ConnectorFailure? Failure { get; }
    public HttpStatusCode? Status { get; }
    public string? Message { get; }
    /// <summary>How long the connector asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Failure is null;

    /// <summary>403 (the user blocked the bot, or it was removed) or 404 (the conversation is gone): retrying never helps.</summary>
    public bool IsPermanent => Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

#pragma warning disable CA1000 // factory methods on a generic result type read best here
    public static ConnectorResult<T> Ok(T value) => new(value, null, null, null, null);
    public static ConnectorResult<T> Fail(ConnectorFailure failure, HttpStatusCode? status, string message, TimeSpan? retryAfter = null) =>
        new(null, failure, status, message, retryAfter);
#pragma warning restore CA1000
}
