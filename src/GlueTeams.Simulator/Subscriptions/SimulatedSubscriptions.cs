using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using GlueTeams.Simulator.Api;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Subscriptions;

/// <summary>A change-notification subscription on one mailbox's events.</summary>
public sealed record SimulatedSubscription(
    string Id, string Resource, string UserId, string ChangeType, Uri NotificationUrl, DateTimeOffset ExpirationDateTime, string? ClientState);

/// <summary>
/// Graph's /subscriptions for calendar events: creation validates the notification URL (POST ?validationToken=…, the
/// token echoed as text/plain within 10 s), PATCH renews, DELETE removes, and every change to a subscribed calendar is
/// posted to its URL with the subscription's clientState. Notification URLs must be loopback addresses.
/// </summary>
public sealed partial class SimulatedSubscriptions : IAsyncDisposable
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10080);
    private static readonly TimeSpan s_validationTimeout = TimeSpan.FromSeconds(10);

    private readonly SimulatedOrg _org;
    private readonly string _tenantId;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new() { Timeout = s_validationTimeout };
    private readonly ConcurrentDictionary<string, SimulatedSubscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<(SimulatedSubscription Subscription, CalendarChange Change)> _outbox =
        Channel.CreateUnbounded<(SimulatedSubscription, CalendarChange)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _delivery;
    private long _delivered;
    private long _failed;

    public SimulatedSubscriptions(SimulatedOrg org, SimulatedCalendars calendars, TimeProvider time, string tenantId = SimulatedOrg.TenantId)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        _org = org;
        _tenantId = tenantId;
        _time = time;
        calendars.Changed += Enqueue;
        _delivery = Task.Run(DeliverAsync);
    }

    public IReadOnlyCollection<SimulatedSubscription> All => [.. _subscriptions.Values];
    public long NotificationsDelivered => Interlocked.Read(ref _delivered);
    public long NotificationsFailed => Interlocked.Read(ref _failed);

    internal async Task<GraphResponse> HandleAsync(GraphRequest request, string[] segments, CancellationToken cancellationToken) =>
        (request.Method.ToUpperInvariant(), segments.Length) switch
        {
            ("POST", 1) => await CreateAsync(request, cancellationToken),
            ("GET", 2) when _subscriptions.TryGetValue(segments[1], out var s) => new GraphResponse(200, Json(s)),
            ("PATCH", 2) when _subscriptions.TryGetValue(segments[1], out var s) => Renew(s, request),
            ("DELETE", 2) when _subscriptions.TryRemove(segments[1], out _) => new GraphResponse(204),
            (_, 2) => GraphResponse.Error(404, "ResourceNotFound", $"The object was not found: subscription '{segments[1]}'."),
            _ => GraphResponse.Error(405, "MethodNotAllowed", "The method is not allowed on subscriptions."),
        };

    private async Task<GraphResponse> CreateAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var resource = body?["resource"]?.GetValue<string>() ?? "";
        if (EventsResource().Match(resource) is not { Success: true } match || _org.Find(Uri.UnescapeDataString(match.Groups[1].Value)) is not { } user)
        {
            return GraphResponse.Error(400, "InvalidRequest", $"Resource '{resource}' is not a user's events.");
        }
        if (!Uri.TryCreate(body?["notificationUrl"]?.GetValue<string>(), UriKind.Absolute, out var url) || !url.IsLoopback || url.Scheme is not ("http" or "https"))
        {
            return GraphResponse.Error(400, "InvalidRequest", "notificationUrl must be an absolute http(s) URL on a loopback address in the simulator.");
        }
        if (Expiration(body) is not { } expiration)
        {
            return GraphResponse.Error(400, "InvalidRequest", $"expirationDateTime must be in the future and at most {MaxLifetime.TotalMinutes} minutes away.");
        }
        if (!await ValidatesAsync(url, cancellationToken))
        {
            return GraphResponse.Error(400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
        }
        var subscription = new SimulatedSubscription(Guid.NewGuid().ToString(), resource, user.Id,
            body?["changeType"]?.GetValue<string>() ?? "created,updated,deleted", url, expiration, body?["clientState"]?.GetValue<string>());
        _subscriptions[subscription.Id] = subscription;
        return new GraphResponse(201, Json(subscription));
    }

    private GraphResponse Renew(SimulatedSubscription subscription, GraphRequest request)
    {
        if (Expiration(request.Body) is not { } expiration)
        {
            return GraphResponse.Error(400, "InvalidRequest", $"expirationDateTime must be in the future and at most {MaxLifetime.TotalMinutes} minutes away.");
        }
        var renewed = subscription with { ExpirationDateTime = expiration };
        _subscriptions[subscription.Id] = renewed;
        return new GraphResponse(200, Json(renewed));
    }

    private DateTimeOffset? Expiration(JsonNode? body)
    {
        var now = _time.GetUtcNow();
        return DateTimeOffset.TryParse(body?["expirationDateTime"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiration)
            && expiration > now && expiration <= now + MaxLifetime ? expiration : null;
    }

    /// <summary>The handshake: the endpoint must echo the validation token as text/plain within 10 seconds.</summary>
    private async Task<bool> ValidatesAsync(Uri url, CancellationToken cancellationToken)
    {
        var token = "Validation: Testing client application reachability for subscription Request-Id: " + Guid.NewGuid();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_validationTimeout);
        try
        {
            using var content = new StringContent("", Encoding.UTF8, "text/plain");
            using var response = await _http.PostAsync(new Uri(url, "?validationToken=" + Uri.EscapeDataString(token)), content, timeout.Token);
            return response.IsSuccessStatusCode
                && response.Content.Headers.ContentType?.MediaType == "text/plain"
                && await response.Content.ReadAsStringAsync(timeout.Token) == token;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Enqueue(CalendarChange change)
    {
        var now = _time.GetUtcNow();
        foreach (var subscription in _subscriptions.Values.Where(s => s.UserId.Equals(change.UserId, StringComparison.OrdinalIgnoreCase)
            && s.ExpirationDateTime > now && s.ChangeType.Split(',').Contains(change.ChangeType)))
        {
            _outbox.Writer.TryWrite((subscription, change));
        }
    }

    private async Task DeliverAsync()
    {
        await foreach (var (subscription, change) in _outbox.Reader.ReadAllAsync())
        {
            var resource = $"Users/{change.UserId}/Events/{change.EventId}";
            var notification = new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject
                {
                    ["subscriptionId"] = subscription.Id,
                    ["subscriptionExpirationDateTime"] = subscription.ExpirationDateTime.ToString("o", CultureInfo.InvariantCulture),
                    ["changeType"] = change.ChangeType,
                    ["resource"] = resource,
                    ["resourceData"] = new JsonObject
                    {
                        ["@odata.type"] = "#Microsoft.Graph.Event",
                        ["@odata.id"] = resource,
                        ["id"] = change.EventId,
                    },
                    ["clientState"] = subscription.ClientState,
                    ["tenantId"] = _tenantId,
                }),
            };
            try
            {
                using var content = new StringContent(notification.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(subscription.NotificationUrl, content);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _delivered : ref _failed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    private static JsonObject Json(SimulatedSubscription s) => new()
    {
        ["@odata.type"] = "#microsoft.graph.subscription",
        ["id"] = s.Id,
        ["resource"] = s.Resource,
        ["changeType"] = s.ChangeType,
        ["notificationUrl"] = s.NotificationUrl.AbsoluteUri,
        ["expirationDateTime"] = s.ExpirationDateTime.ToString("o", CultureInfo.InvariantCulture),
        ["clientState"] = s.ClientState,
        ["applicationId"] = "00000000-0000-0000-0000-00000000a991",
    };

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _delivery;
        _http.Dispose();
    }

    [GeneratedRegex("^/?users/([^/]+)/(?:calendar/)?events$", RegexOptions.IgnoreCase)]
    private static partial Regex EventsResource();
}
