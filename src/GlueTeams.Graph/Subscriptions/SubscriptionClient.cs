using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace GlueTeams.Graph.Subscriptions;

/// <summary>Graph change notifications on a user's calendar events: create, renew, delete.</summary>
public sealed class SubscriptionClient(GraphServiceClient client)
{
    /// <summary>Graph's limit for subscriptions on events.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10_080);

    /// <summary>Creates a subscription; Graph first checks <paramref name="notificationUrl"/> with a validation request.</summary>
    public async Task<(string Id, DateTimeOffset ExpiresAt)> CreateAsync(string userId, Uri notificationUrl, string clientState, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationUrl);
        var created = await client.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created,updated,deleted",
            NotificationUrl = notificationUrl.AbsoluteUri,
            LifecycleNotificationUrl = notificationUrl.AbsoluteUri,
            Resource = $"users/{Uri.EscapeDataString(userId)}/events",
            ExpirationDateTime = expiresAt,
            ClientState = clientState,
        }, cancellationToken: cancellationToken) ?? throw new InvalidOperationException("Graph returned no subscription.");
        return (created.Id ?? throw new InvalidOperationException("Graph returned a subscription without an id."), created.ExpirationDateTime ?? expiresAt);
    }

    public async Task<DateTimeOffset> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var renewed = await client.Subscriptions[subscriptionId].PatchAsync(new Subscription { ExpirationDateTime = expiresAt }, cancellationToken: cancellationToken);
        return renewed?.ExpirationDateTime ?? expiresAt;
    }

    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        await client.Subscriptions[subscriptionId].DeleteAsync(cancellationToken: cancellationToken);
}
