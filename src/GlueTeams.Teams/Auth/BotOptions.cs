namespace GlueTeams.Teams.Auth;

/// <summary>The bot's identity and trust settings, from the "Bot" configuration section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Microsoft App ID of the bot registration. Empty means anonymous, allowed only in Development.</summary>
    public string? AppId { get; set; }
    public string? AppPassword { get; set; }
    /// <summary>A PFX file with the app's certificate, instead of a password.</summary>
    public string? CertificatePath { get; set; }
    /// <summary>Use the user-assigned managed identity whose client id is <see cref="AppId"/>, instead of a secret.</summary>
    public bool UseManagedIdentity { get; set; }
    /// <summary>
    /// The tenant of the bot's app registration (SingleTenant or UserAssignedMSI bots): its outbound tokens come from it,
    /// and unless <see cref="ServesManyTenants"/>, only activities from this tenant are accepted.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The deployment serves many organisations (Tenancy:Mode MultiTenant, set by the app, not read from "Bot"): then
    /// <see cref="TenantId"/> names the registration's home only, and which organisations are served is decided by the
    /// app's tenant registry, after the token is validated.
    /// </summary>
    public bool ServesManyTenants { get; set; }
    public Uri OpenIdMetadataUrl { get; set; } = new(BotFrameworkOpenIdMetadataUrl);
    /// <summary>
    /// Hosts we may send to: exact ("smba.trafficmanager.net") or a suffix ("*.botframework.com"). When set, the list
    /// replaces <see cref="ServiceUrlAllowList.DefaultHosts"/> (the configuration binder appends to a pre-filled list,
    /// so the defaults live in <see cref="ServiceUrlHosts"/> instead).
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; set; } = [];

    public IReadOnlyList<string> ServiceUrlHosts => AllowedServiceUrlHosts.Count > 0 ? [.. AllowedServiceUrlHosts] : ServiceUrlAllowList.DefaultHosts;

    /// <summary>How long one call to the connector may take before it is abandoned (and retried, within the call or later by the outbox).</summary>
    public TimeSpan ConnectorAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsAnonymous => string.IsNullOrWhiteSpace(AppId);
}
