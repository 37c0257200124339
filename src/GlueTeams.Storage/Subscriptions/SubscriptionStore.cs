using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Subscriptions;

/// <summary>A Graph change-notification subscription on one user's events, with the secret that proves a notification is real.</summary>
public sealed record GraphSubscription(string SubscriptionId, string TenantId, string UserId, string ClientState, DateTimeOffset ExpiresAt);

/// <summary>
/// Subscriptions by id, so that each incoming notification costs one point read. Listing (for renewal) scans the
/// table; it runs in the background, never on a request path.
/// </summary>
public sealed class SubscriptionStore(GlueTables tables)
{
    private readonly TableClient _table = tables.Subscriptions;

    public async Task PutAsync(GraphSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var entity = new TableEntity(TableKeys.Encode(subscription.SubscriptionId), "")
        {
            ["SubscriptionId"] = subscription.SubscriptionId,
            ["Tenant"] = subscription.TenantId,
            ["User"] = subscription.UserId,
            ["ClientState"] = subscription.ClientState,
            ["ExpiresAt"] = subscription.ExpiresAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<GraphSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(subscriptionId) || subscriptionId.Length > 200)
        {
            return null;
        }
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(subscriptionId), "", cancellationToken: cancellationToken);
        return response.HasValue ? ToSubscription(response.Value!) : null;
    }

    /// <summary>Every subscription (background renewal only).</summary>
    public async IAsyncEnumerable<GraphSubscription> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return ToSubscription(entity);
        }
    }

    /// <summary>One user's subscriptions (an erasure; a scan by property, never on a request path that is not rare).</summary>
    public async Task<IReadOnlyList<GraphSubscription>> ListForUserAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var found = new List<GraphSubscription>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Tenant eq {tenantId} and User eq {userId}"), cancellationToken: cancellationToken))
        {
            found.Add(ToSubscription(entity));
        }
        return found;
    }

    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(TableKeys.Encode(subscriptionId), "", cancellationToken: cancellationToken);

    private static GraphSubscription ToSubscription(TableEntity e) => new(
        e.GetString("SubscriptionId"), e.GetString("Tenant"), e.GetString("User"), e.GetString("ClientState"), e.GetDateTimeOffset("ExpiresAt") ?? default);
}
