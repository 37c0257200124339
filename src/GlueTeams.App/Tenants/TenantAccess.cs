using Azure.Core;
using GlueTeams.Graph;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.Caching.Memory;

namespace GlueTeams.App.Tenants;

/// <summary>
/// Which tenants this deployment serves, and Microsoft Graph for each. Self-hosted: every caller the bot and token
/// checks let in, and Graph for the one tenant of Graph:TenantId (any, when it is unset). Multi-tenant: only tenants
/// whose admin consented (the registry says Active; cached for <see cref="CacheFor"/>) and that is not being offboarded
/// (its tombstone, read every time, so that an offboarding stops every instance at once), each read with its own token.
/// </summary>
/// <param name="clients">Graph, when configured.</param>
public sealed class TenantAccess(TenancyOptions tenancy, TenantRegistry registry, ErasureTombstones tombstones, IMemoryCache cache, TenantGraphClients? clients = null)
{
    /// <summary>How long an instance trusts what the registry said; the instance that changed it knows at once.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public bool IsMultiTenant => tenancy.IsMultiTenant;

    /// <summary>Whether the tenant's users are served at all (multi-tenant: its admin consented and it is not being offboarded).</summary>
    public async ValueTask<bool> ServesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (!tenancy.IsMultiTenant)
        {
            return true;
        }
        var offboarded = tombstones.IsTenantErasedAsync(tenantId, cancellationToken);
        var registered = await cache.GetOrCreateAsync(Key(tenantId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await registry.GetAsync(tenantId, cancellationToken) is { Status: TenantStatus.Active };
        });
        return registered && !await offboarded;
    }

    /// <summary>Graph for the tenant; null when Graph is not configured or the tenant is not one this deployment reads.</summary>
    public async ValueTask<TenantGraph?> GraphAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (clients is null)
        {
            return null;
        }
        var served = tenancy.IsMultiTenant
            ? await ServesAsync(tenantId, cancellationToken)
            : clients.Options.TenantId is not { Length: > 0 } home || string.Equals(home, tenantId, StringComparison.OrdinalIgnoreCase);
        return served ? clients.For(tenantId) : null;
    }

    /// <summary>
    /// Whether Entra issues the app a Graph token for the tenant: true only once the tenant's admin consented (the
    /// app's service principal exists there). What an admin-consent callback is checked with, since anyone can call it.
    /// </summary>
    public async Task<bool> CanReadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (clients is null)
        {
            return false;
        }
        try
        {
            await clients.CredentialFor(tenantId).GetTokenAsync(new TokenRequestContext([GraphClients.Scope]), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Identity.Client.MsalServiceException or Azure.Identity.AuthenticationFailedException)
        {
            return false;
        }
    }

    /// <summary>The registry changed for the tenant (consent, offboarding): this instance sees it at once.</summary>
    public void Forget(string tenantId)
    {
        cache.Remove(Key(tenantId));
        clients?.Forget(tenantId);
    }

    private static (string, string) Key(string tenantId) => ("tenant-served", tenantId.ToLowerInvariant());
}
