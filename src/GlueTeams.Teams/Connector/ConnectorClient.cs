using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Auth;
using Microsoft.Extensions.Logging;

namespace GlueTeams.Teams.Connector;

/// <summary>
/// Calls the Bot Connector REST API at an activity's serviceUrl: create a 1:1 conversation, send, reply, update.
/// The serviceUrl is checked against the allow-list before anything else, so a forged one never gets a request or a
/// token. Throttling (429) and transient failures (412, 502, 503, 504) are retried, honouring Retry-After.
/// </summary>
public sealed partial class ConnectorClient(
    HttpClient http, IConnectorTokenSource tokens, ServiceUrlAllowList allowList, TimeProvider time, ILogger<ConnectorClient> logger)
{
    public const int MaxAttempts = 4;
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(
        Uri serviceUrl, CreateConversationRequest request, CancellationToken cancellationToken) =>
        CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", request, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> SendAsync(
        Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId), activity, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> ReplyAsync(
        Uri serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, replyToId), activity with { ReplyToId = replyToId }, cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier (e.g. a card after a change).</summary>
    public Task<ConnectorResult<ResourceResponse>> UpdateAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, ActivitiesPath(conversationId, activityId), activity with { Id = activityId }, cancellationToken);

    private static string ActivitiesPath(string conversationId, string? activityId = null) =>
        $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities" + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId));

    private async Task<ConnectorResult<T>> CallAsync<T>(HttpMethod method, Uri serviceUrl, string path, object body, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!allowList.IsAllowed(serviceUrl))
        {
            LogRefused(logger, serviceUrl.Host);
            return ConnectorResult<T>.Fail(ConnectorFailure.ServiceUrlNotAllowed, null, $"The serviceUrl host '{serviceUrl.Host}' is not on Bot:AllowedServiceUrlHosts.");
        }
        var uri = new Uri(new Uri(serviceUrl.AbsoluteUri.TrimEnd('/') + "/"), path);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options);

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = new ByteArrayContent(json) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var value = JsonSerializer.Deserialize<T>(bytes.Length == 0 ? "{}"u8 : bytes, ProtocolJson.Options);
                return value is null
                    ? ConnectorResult<T>.Fail(ConnectorFailure.HttpError, response.StatusCode, "The connector answered null.")
                    : ConnectorResult<T>.Ok(value);
            }
            if (!IsRetryable(response.StatusCode) || attempt == MaxAttempts)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return ConnectorResult<T>.Fail(ConnectorFailure.HttpError, response.StatusCode,
                    $"{method} {path} answered {(int)response.StatusCode} after {attempt} attempt(s): {text[..Math.Min(text.Length, 500)]}");
            }
            var delay = Delay(response.Headers.RetryAfter, attempt);
            LogRetry(logger, (int)response.StatusCode, delay, attempt);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Retry-After when the connector gives one, else 1 s, 2 s, 4 s...; never more than <see cref="MaxDelay"/>.</summary>
    private TimeSpan Delay(RetryConditionHeaderValue? retryAfter, int attempt)
    {
        var delay = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => BaseDelay * Math.Pow(2, attempt - 1),
        };
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to call the connector at host {Host}: not on the allow-list.")]
    private static partial void LogRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector answered {Status}; retrying in {Delay} (attempt {Attempt}).")]
    private static partial void LogRetry(ILogger logger, int status, TimeSpan delay, int attempt);
}
