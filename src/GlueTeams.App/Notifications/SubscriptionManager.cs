using System.Security.Cryptography;
using GlueTeams.App.Tenants;
using GlueTeams.Graph.Subscriptions;
using GlueTeams.Storage.Subscriptions;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Notifications;

/// <summary>Where Graph posts change notifications ("Graph:NotificationUrl"); without it no subscription is made.</summary>
public sealed record NotificationOptions(Uri? NotificationUrl);

/// <summary>
/// Keeps one Graph subscription per opted-in user: created with a random clientState (the secret every notification
/// must carry), renewed well before Graph's 7-day limit, re-created when Graph no longer knows it. Each at Graph through
/// the user's own tenant's token; for a tenant this deployment no longer reads, rows are only forgotten.
/// </summary>
public sealed class SubscriptionManager(TenantAccess tenants, SubscriptionStore store, NotificationOptions options, TimeProvider time, ILogger<SubscriptionManager> logger)
{
    /// <summary>Renew subscriptions that expire within this window.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(2);
    private static readonly TimeSpan Lifetime = SubscriptionClient.MaxLifetime - TimeSpan.FromHours(1);

    public bool IsEnabled => options.NotificationUrl is not null;

    /// <summary>Creates the user's subscription (on install or opt-in).</summary>
    public async Task<GraphSubscription?> CreateAsync(UserProfile user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (options.NotificationUrl is not { } url || await tenants.GraphAsync(user.TenantId, cancellationToken) is not { Subscriptions: var graph })
        {
            return null;
        }
        var clientState = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var (id, expiresAt) = await graph.CreateAsync(user.UserId, url, clientState, time.GetUtcNow() + Lifetime, cancellationToken);
        var subscription = new GraphSubscription(id, user.TenantId, user.UserId, clientState, expiresAt);
        await store.PutAsync(subscription, cancellationToken);
        return subscription;
    }

    /// <summary>Ends every subscription of one user at Graph and forgets it (their data is being erased). Returns how many.</summary>
    public async Task<int> EndForUserAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var ended = 0;
        foreach (var subscription in await store.ListForUserAsync(tenantId, userId, cancellationToken))
        {
            await EndAsync(subscription, cancellationToken);
            ended++;
        }
        return ended;
    }

    private async Task EndAsync(GraphSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            if (await tenants.GraphAsync(subscription.TenantId, cancellationToken) is { Subscriptions: var graph })
            {
                await graph.DeleteAsync(subscription.SubscriptionId, cancellationToken);
            }
        }
        catch (Microsoft.Kiota.Abstractions.ApiException e) when (e.ResponseStatusCode == 404)
        {
            // already gone at Graph
        }
        await store.DeleteAsync(subscription.SubscriptionId, cancellationToken);
    }

    /// <summary>Renews one subscription; when Graph has lost it, makes a new one for the same user.</summary>
    public async Task RenewAsync(GraphSubscription subscription, UserProfile? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (await tenants.GraphAsync(subscription.TenantId, cancellationToken) is not { Subscriptions: var graph })
        {
            await store.DeleteAsync(subscription.SubscriptionId, cancellationToken); // a tenant no longer read: Graph lets it expire
            return;
        }
        try
        {
            var expiresAt = await graph.RenewAsync(subscription.SubscriptionId, time.GetUtcNow() + Lifetime, cancellationToken);
            await store.PutAsync(subscription with { ExpiresAt = expiresAt }, cancellationToken);
        }
        catch (Microsoft.Kiota.Abstractions.ApiException e) when (e.ResponseStatusCode == 404)
        {
            await store.DeleteAsync(subscription.SubscriptionId, cancellationToken);
            if (user is { OptedIn: true, Installed: true })
            {
                logger.LogInformation("Graph no longer knew a subscription; making a new one.");
                await CreateAsync(user, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Renews every subscription that expires soon, and ends those of users who uninstalled, opted out or deleted their
    /// data. Returns how many were renewed.
    /// </summary>
    public async Task<int> RenewDueAsync(UserStore users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var renewed = 0;
        var soon = time.GetUtcNow() + RenewWithin;
        await foreach (var subscription in store.ListAsync(cancellationToken))
        {
            if (subscription.ExpiresAt > soon)
            {
                continue;
            }
            var user = await users.GetAsync(subscription.TenantId, subscription.UserId, cancellationToken);
            if (user is not { OptedIn: true, Installed: true })
            {
                await EndAsync(subscription, cancellationToken);
                continue;
            }
            await RenewAsync(subscription, user, cancellationToken);
            renewed++;
        }
        return renewed;
    }
}

/// <summary>Runs the renewal every hour on every instance; renewing twice is harmless.</summary>
public sealed class SubscriptionRenewalService(SubscriptionManager manager, UserStore users, TimeProvider time, ILogger<SubscriptionRenewalService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await manager.RenewDueAsync(users, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Renewing Graph subscriptions failed; trying again in an hour.");
            }
            await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
        }
    }
}
