using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GlueTeams.App.Sync;
using GlueTeams.App.Users;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Subscriptions;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Notifications;

/// <summary>
/// POST /api/graph/notifications: Graph's validation handshake, and change notifications that mark the user's week
/// for a delta re-sync. A notification whose subscription is unknown or whose clientState does not match (compared
/// in constant time) is ignored with no effect; Graph still gets its 202 within its 3-second limit. A request holds at
/// most <see cref="MaxNotifications"/> (Graph sends far fewer); repeated entries are handled once, each subscription
/// read once, and the request is logged in one summary line.
/// </summary>
public static partial class GraphNotificationsApi
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxNotifications = 100;
    private const int MaxValidationTokenLength = 2048;

    public sealed record Services(SubscriptionStore Subscriptions, UserStore Users, SyncStateStore SyncStates, WorkQueue<SyncWorkItem> Queue,
        SubscriptionManager Manager, ErasureGuard Erasures, TimeProvider Time, ILogger<SubscriptionManager> Logger);

    public static IEndpointRouteBuilder MapGraphNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/graph/notifications", HandleAsync)
            .WithName("GraphNotifications")
            .WithSummary("Microsoft Graph change notifications: validation handshake and calendar changes")
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, Accepted, ProblemHttpResult>> HandleAsync(
        HttpRequest request, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        if (request.Query.TryGetValue("validationToken", out var validation))
        {
            var token = validation.ToString();
            return token.Length is > 0 and <= MaxValidationTokenLength
                ? TypedResults.Text(token, "text/plain", Encoding.UTF8)
                : TypedResults.Problem("validationToken must be 1 to 2048 characters.", statusCode: 400);
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: 413);
        }
        JsonDocument document;
        try
        {
            // Read at most one byte past the limit: a chunked body without a length must not fill memory.
            var buffer = new byte[MaxBodyBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
            if (length > MaxBodyBytes)
            {
                return TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: 413);
            }
            document = JsonDocument.Parse(buffer.AsMemory(0, length));
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not JSON.", statusCode: 400);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("value", out var notifications) || notifications.ValueKind != JsonValueKind.Array)
            {
                return TypedResults.Problem("Expected {\"value\": [notifications]}.", statusCode: 400);
            }
            var received = notifications.GetArrayLength();
            if (received > MaxNotifications)
            {
                LogRefused(services.Logger, received);
                return TypedResults.Problem($"A request may carry at most {MaxNotifications} notifications; this one has {received}. None was processed.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many notifications");
            }
            var entries = notifications.EnumerateArray()
                .Select(n => new Entry(Text(n, "subscriptionId"), Text(n, "clientState"), Text(n, "lifecycleEvent"), Text(n, "tenantId")))
                .Distinct()
                .ToList();
            var tally = new Tally(new Dictionary<string, GraphSubscription?>(StringComparer.Ordinal), new HashSet<(string, string)>());
            foreach (var entry in entries)
            {
                await HandleOneAsync(entry, services, tally, cancellationToken);
            }
            LogHandled(services.Logger, received, entries.Count, tally.Ignored, tally.Queued.Count);
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>What one notification says that matters here; equal entries are handled once.</summary>
    private sealed record Entry(string? SubscriptionId, string? ClientState, string? LifecycleEvent, string? TenantId);

    /// <summary>One request's subscriptions (each read once), users queued, entries ignored.</summary>
    private sealed record Tally(Dictionary<string, GraphSubscription?> Subscriptions, HashSet<(string, string)> Queued)
    {
        public int Ignored { get; set; }
    }

    private static async Task HandleOneAsync(Entry entry, Services services, Tally tally, CancellationToken cancellationToken)
    {
        var subscription = entry.SubscriptionId is null ? null : await SubscriptionAsync(entry.SubscriptionId, services, tally, cancellationToken);
        if (subscription is null || entry.ClientState is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry.ClientState), Encoding.UTF8.GetBytes(subscription.ClientState)))
        {
            tally.Ignored++; // an unknown subscription or a wrong clientState: counted in the request's summary line
            return;
        }
        if (entry.TenantId is { } tenantId && !string.Equals(tenantId, subscription.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            tally.Ignored++; // another tenant's notification carrying this subscription's secret: it never reaches that tenant
            return;
        }
        var user = await services.Users.GetAsync(subscription.TenantId, subscription.UserId, cancellationToken);
        if (user is null || !user.OptedIn)
        {
            return;
        }
        if (entry.LifecycleEvent == "reauthorizationRequired")
        {
            await services.Manager.RenewAsync(subscription, user, cancellationToken);
        }
        // A change, or a lifecycle event saying notifications were missed: either way the week gets a delta re-sync.
        if (tally.Queued.Add((user.TenantId, user.UserId)))
        {
            var week = IsoWeek.Containing(services.Time.GetUtcNow(), user.TimeZone);
            await services.SyncStates.MarkForResyncAsync(user.TenantId, user.UserId, week, cancellationToken: cancellationToken);
            await services.Queue.EnqueueAsync(new SyncWorkItem(user.TenantId, user.UserId, week.ToString(), Resync: true), cancellationToken);
            await services.Erasures.UndoIfErasedAsync(user.TenantId, user.UserId, cancellationToken); // erased meanwhile: the mark goes, the worker drops the item
        }
    }

    private static async Task<GraphSubscription?> SubscriptionAsync(string subscriptionId, Services services, Tally tally, CancellationToken cancellationToken)
    {
        if (!tally.Subscriptions.TryGetValue(subscriptionId, out var subscription))
        {
            subscription = await services.Subscriptions.GetAsync(subscriptionId, cancellationToken);
            tally.Subscriptions[subscriptionId] = subscription;
        }
        return subscription;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Graph notification request of {Count} entries (at most 100 are accepted); nothing processed.")]
    private static partial void LogRefused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph notifications: {Received} received, {Distinct} distinct, {Ignored} ignored (unknown subscription, wrong clientState or tenant), {Queued} users queued for a re-sync.")]
    private static partial void LogHandled(ILogger logger, int received, int distinct, int ignored, int queued);

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
