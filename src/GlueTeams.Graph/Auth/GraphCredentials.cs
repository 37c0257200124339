using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace GlueTeams.Graph.Auth;

/// <summary>The app-only credential that <see cref="GraphOptions"/> describes.</summary>
public static class GraphCredentials
{
    public static TokenCredential From(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DevTokenUrl is { } devTokenUrl)
        {
            return new DevTokenCredential(devTokenUrl);
        }
        if (options.UseManagedIdentity)
        {
            return options.ClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }
        var tenantId = options.TenantId ?? throw new InvalidOperationException("Graph:TenantId is required.");
        var appId = options.ClientId ?? throw new InvalidOperationException("Graph:ClientId is required.");
        if (!string.IsNullOrEmpty(options.ClientSecret))
        {
            return new ClientSecretCredential(tenantId, appId, options.ClientSecret);
        }
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            return new ClientCertificateCredential(tenantId, appId, options.CertificatePath);
        }
        throw new InvalidOperationException(
            "No Graph credential configured: set Graph:ClientSecret, Graph:CertificatePath, Graph:UseManagedIdentity or (development) Graph:DevTokenUrl.");
    }
}
