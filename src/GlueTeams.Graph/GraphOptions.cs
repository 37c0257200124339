using GlueTeams.Core.Net;

namespace GlueTeams.Graph;

/// <summary>
/// Configuration section "Graph". Production is app-only: a client secret, a certificate, or a managed identity.
/// Against the simulator, <see cref="DevTokenUrl"/> names its development token endpoint instead.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>A PFX or PEM file holding the app's certificate and private key.</summary>
    public string? CertificatePath { get; set; }
    public bool UseManagedIdentity { get; set; }
    /// <summary>The simulator's app-only token endpoint (loopback only), e.g. http://127.0.0.1:5010/dev/graph/token.</summary>
    public Uri? DevTokenUrl { get; set; }
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
    /// <summary>Events per calendarView page asked of Graph (Prefer: odata.maxpagesize).</summary>
    public int PageSize { get; set; } = 100;
    /// <summary>$batch requests in flight at once when reading many users.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;
    /// <summary>How often one throttled $batch step is re-sent before its user is reported as failed.</summary>
    public int MaxStepRetries { get; set; } = 10;

    /// <summary>What is wrong with these settings, one sentence naming the setting each; none when they are usable.</summary>
    /// <param name="multiTenant">Tenancy:Mode is MultiTenant: no home tenant is needed, and the credential must be the app registration's own.</param>
    public IEnumerable<string> Problems(bool isDevelopment, bool multiTenant = false)
    {
        if (Loopback.DevelopmentOnlyProblem("Graph:DevTokenUrl", DevTokenUrl, isDevelopment) is { } devToken)
        {
            yield return devToken;
        }
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            yield return $"Graph:BaseUrl '{BaseUrl}' is not an absolute URL.";
        }
        else if (Loopback.HttpsProblem("Graph:BaseUrl", baseUrl, isDevelopment) is { } plain)
        {
            yield return plain;
        }
        if (multiTenant && DevTokenUrl is null && (UseManagedIdentity || string.IsNullOrEmpty(ClientId)))
        {
            yield return "Multi-tenant mode reads each tenant with the app registration's own credential: set Graph:ClientId with Graph:ClientSecret or Graph:CertificatePath (a managed identity reads only its own tenant).";
        }
        if (DevTokenUrl is null && !UseManagedIdentity && !string.IsNullOrEmpty(ClientId))
        {
            if (string.IsNullOrEmpty(TenantId) && !multiTenant)
            {
                yield return "Graph:TenantId is required with Graph:ClientId.";
            }
            if (string.IsNullOrEmpty(ClientSecret) == string.IsNullOrEmpty(CertificatePath))
            {
                yield return "Set exactly one of Graph:ClientSecret or Graph:CertificatePath with Graph:ClientId (or Graph:UseManagedIdentity).";
            }
        }
        if (PageSize is < 1 or > 1000)
        {
            yield return $"Graph:PageSize {PageSize} must be between 1 and 1000.";
        }
        if (MaxConcurrentBatches is < 1 or > 64)
        {
            yield return $"Graph:MaxConcurrentBatches {MaxConcurrentBatches} must be between 1 and 64.";
        }
        if (MaxStepRetries is < 0 or > 100)
        {
            yield return $"Graph:MaxStepRetries {MaxStepRetries} must be between 0 and 100.";
        }
    }
}
