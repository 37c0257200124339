using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.Identity.Client;

namespace GlueTeams.Graph.Auth;

/// <summary>
/// App-only Graph credentials for every tenant that consented to one multi-tenant app registration: one MSAL
/// confidential client (one secret or certificate, one token cache) whose token requests name the tenant
/// (<c>AcquireTokenForClient(...).WithTenantId(tid)</c>), so each token is issued by that tenant's own authority and
/// is valid for its directory only. In Development, the simulator's issuer for that tenant (<c>DevTokenUrl?tid=</c>).
/// </summary>
public sealed class TenantCredentials
{
    /// <summary>The app's authority; every request replaces "organizations" with the tenant it is for.</summary>
    public const string Authority = "https://login.microsoftonline.com/organizations";

    private readonly IConfidentialClientApplication? _app;
    private readonly Uri? _devTokenUrl;
    private readonly ConcurrentDictionary<string, TokenCredential> _byTenant = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="http">Test seam: where MSAL's requests go (a test points Entra's host at the simulator).</param>
    public TenantCredentials(GraphOptions options, IMsalHttpClientFactory? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DevTokenUrl is { } devTokenUrl)
        {
            _devTokenUrl = devTokenUrl;
            return;
        }
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId ?? throw new InvalidOperationException("Graph:ClientId is required."))
            .WithAuthority(Authority);
        builder = !string.IsNullOrEmpty(options.ClientSecret)
            ? builder.WithClientSecret(options.ClientSecret)
            : !string.IsNullOrEmpty(options.CertificatePath)
                ? builder.WithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, null))
                : throw new InvalidOperationException("Multi-tenant mode needs Graph:ClientSecret or Graph:CertificatePath: a managed identity reads only its own tenant.");
        if (http is not null)
        {
            builder = builder.WithHttpClientFactory(http);
        }
        _app = builder.Build();
    }

    /// <summary>The credential whose tokens are <paramref name="tenantId"/>'s; one per tenant, so each keeps its own token.</summary>
    public TokenCredential For(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _byTenant.GetOrAdd(tenantId, tid => _app is { } app
            ? new MsalTenantCredential(app, tid)
            : new DevTokenCredential(new UriBuilder(_devTokenUrl!) { Query = "tid=" + Uri.EscapeDataString(tid) }.Uri));
    }

    /// <summary>MSAL's client credentials for one tenant; MSAL caches the token per tenant and renews it before it expires.</summary>
    private sealed class MsalTenantCredential(IConfidentialClientApplication app, string tenantId) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var result = await app.AcquireTokenForClient(requestContext.Scopes).WithTenantId(tenantId).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }
    }
}
