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
/// token. Short in-call retries (429 and 412/502/503/504 with a short or no Retry-After, timeouts) come from the
/// resilience pipeline on the typed HttpClient (<see cref="TeamsProtocolExtensions.AddConnectorClient"/>); longer waits
/// are the outbox's, which gets <see cref="ConnectorResult{T}.RetryAfter"/>. Every try on the wire waits for its slot in
/// the tenant's and the conversation's send rate (<see cref="SendRateLimitHandler"/>), which is why each call names its
/// tenant. Every failure is a result, never an exception.
/// </summary>
public sealed partial class ConnectorClient(
    HttpClient http, IConnectorTokenSource tokens, ServiceUrlAllowList allowList, TimeProvider time, ILogger<ConnectorClient> logger)
{
    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(
        Uri serviceUrl, CreateConversationRequest request, CancellationToken cancellationToken) =>
        CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", request,
            new SendSlot(request?.TenantId ?? "", "", TimeSpan.MaxValue), cancellationToken);

    /// <summary>Sends an activity to a conversation of <paramref name="tenantId"/> (whose send limits it counts against).</summary>
    public Task<ConnectorResult<ResourceResponse>> SendAsync(
        string tenantId, Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId), activity,
            new SendSlot(tenantId, conversationId, TimeSpan.MaxValue), cancellationToken);

    /// <summary>
    /// Sends "typing" if a send slot comes within <paramref name="longestWait"/>; otherwise sends nothing and fails with
    /// <see cref="ConnectorFailure.NoSendSlot"/> (a late typing indicator is worth nothing).
    /// </summary>
    public Task<ConnectorResult<ResourceResponse>> SendTypingAsync(
        string tenantId, Uri serviceUrl, string conversationId, TimeSpan longestWait, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId), Activity.Typing(),
            new SendSlot(tenantId, conversationId, longestWait), cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> ReplyAsync(
        string tenantId, Uri serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, replyToId), activity with { ReplyToId = replyToId },
            new SendSlot(tenantId, conversationId, TimeSpan.MaxValue), cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier (e.g. a card after a change).</summary>
    public Task<ConnectorResult<ResourceResponse>> UpdateAsync(
        string tenantId, Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, ActivitiesPath(conversationId, activityId), activity with { Id = activityId },
            new SendSlot(tenantId, conversationId, TimeSpan.MaxValue), cancellationToken);

    private static string ActivitiesPath(string conversationId, string? activityId = null) =>
        $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities" + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId));

    private async Task<ConnectorResult<T>> CallAsync<T>(HttpMethod method, Uri serviceUrl, string path, object body, SendSlot slot, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!allowList.IsAllowed(serviceUrl))
        {
            LogRefused(logger, serviceUrl.Host);
            return ConnectorResult<T>.Fail(ConnectorFailure.ServiceUrlNotAllowed, null, $"The serviceUrl host '{serviceUrl.Host}' is not on Bot:AllowedServiceUrlHosts.");
        }
        var uri = new Uri(new Uri(serviceUrl.AbsoluteUri.TrimEnd('/') + "/"), path);
        string? token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNoToken(logger, e.GetType().Name);
            return ConnectorResult<T>.Fail(ConnectorFailure.NoToken, null, "The bot's connector token could not be acquired: " + e.GetType().Name);
        }
        using var request = new HttpRequestMessage(method, uri) { Content = JsonContent(body) };
        request.Options.Set(SendSlot.Key, slot); // every try of it takes a slot (SendRateLimitHandler)
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var value = JsonSerializer.Deserialize<T>(bytes.Length == 0 ? "{}"u8 : bytes, ProtocolJson.Options);
                return value is null
                    ? ConnectorResult<T>.Fail(ConnectorFailure.HttpError, response.StatusCode, "The connector answered null.")
                    : ConnectorResult<T>.Ok(value);
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return ConnectorResult<T>.Fail(ConnectorFailure.HttpError, response.StatusCode,
                $"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}", RetryAfter(response.Headers.RetryAfter));
        }
        catch (NoSendSlotException)
        {
            return ConnectorResult<T>.Fail(ConnectorFailure.NoSendSlot, null, $"{method} {path} was not sent: no send slot within {slot.LongestWait.TotalSeconds:F1} s.");
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ConnectorResult<T>.Fail(ConnectorFailure.Unreachable, null, $"{method} {path} got no answer: {e.GetType().Name}");
        }
    }

    private static ByteArrayContent JsonContent(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>
    /// The statuses worth retrying (Teams' guidance: 429, 412, 502, 504; and 503). Shared with the resilience pipeline.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter) => Core.Net.RetryAfter.Wait(retryAfter, time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to call the connector at host {Host}: not on the allow-list.")]
    private static partial void LogRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector token could not be acquired ({Error}); nothing was sent.")]
    private static partial void LogNoToken(ILogger logger, string error);
}
