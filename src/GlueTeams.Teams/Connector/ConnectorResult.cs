using System.Net;

namespace GlueTeams.Teams.Connector;

public enum ConnectorFailure
{
    /// <summary>The serviceUrl's host is not on Bot:AllowedServiceUrlHosts; nothing was sent.</summary>
    ServiceUrlNotAllowed,
    /// <summary>The connector answered with an error (after the retries, for retryable ones).</summary>
    HttpError,
}

/// <summary>What a connector call produced: the response body, or why not. Expected failures are values.</summary>
public sealed record ConnectorResult<T> where T : class
{
    private ConnectorResult(T? value, ConnectorFailure? failure, HttpStatusCode? status, string? message) =>
        (Value, Failure, Status, Message) = (value, failure, status, message);

    public T? Value { get; }
    public ConnectorFailure? Failure { get; }
    public HttpStatusCode? Status { get; }
    public string? Message { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Failure is null;

#pragma warning disable CA1000 // factory methods on a generic result type read best here
    public static ConnectorResult<T> Ok(T value) => new(value, null, null, null);
    public static ConnectorResult<T> Fail(ConnectorFailure failure, HttpStatusCode? status, string message) => new(null, failure, status, message);
#pragma warning restore CA1000
}
