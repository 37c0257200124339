using System.Collections.Concurrent;
using Azure.Core;
using GlueTeams.Graph.Calendars;
using GlueTeams.Graph.Directory;
using GlueTeams.Graph.Subscriptions;
using Microsoft.Graph;

namespace GlueTeams.Graph;

/// <summary>Microsoft Graph as one tenant's app-only identity sees it: that tenant's calendars, directory, subscriptions and files' analytics.</summary>
public sealed record TenantGraph(string TenantId, GraphServiceClient Client, CalendarReader Calendars, DirectoryReader Directory, SubscriptionClient Subscriptions,
    Files.ItemAnalyticsReader Analytics);

/// <summary>
/// One <see cref="TenantGraph"/> per tenant, all over one HTTP pipeline; what differs is the token, which
/// <c>credentialFor</c> gives per tenant (self-hosted: the one credential; multi-tenant: the tenant's own authority).
/// Which tenants may be asked for at all is the caller's decision.
/// </summary>
public sealed class TenantGraphClients(GraphOptions options, Func<string, TokenCredential> credentialFor, GraphCounters counters, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = GraphClients.CreateHttpClient(counters);
    private readonly ConcurrentDictionary<string, Lazy<TenantGraph>> _byTenant = new(StringComparer.OrdinalIgnoreCase);

    public GraphOptions Options => options;

    /// <summary>The credential the tenant's requests are authenticated with.</summary>
    public TokenCredential CredentialFor(string tenantId) => credentialFor(tenantId);

    public TenantGraph For(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _byTenant.GetOrAdd(tenantId, tid => new Lazy<TenantGraph>(() =>
        {
            var client = GraphClients.Create(options, credentialFor(tid), _http);
            return new TenantGraph(tid, client, new CalendarReader(client, options, counters, time), new DirectoryReader(client), new SubscriptionClient(client),
                new Files.ItemAnalyticsReader(client));
        })).Value;
    }

    /// <summary>Drops the tenant's client (it was offboarded); a later <see cref="For"/> builds a new one.</summary>
    public void Forget(string tenantId)
    {
        if (_byTenant.TryRemove(tenantId, out var graph) && graph.IsValueCreated)
        {
            graph.Value.Client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var graph in _byTenant.Values.Where(g => g.IsValueCreated))
        {
            graph.Value.Client.Dispose();
        }
        _http.Dispose();
    }
}
