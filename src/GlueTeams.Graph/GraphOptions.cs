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
}
