namespace GlueTeams.App.Auth;

/// <summary>Configuration section "Tabs": the API behind the tabs and the Outlook add-in.</summary>
public sealed class TabsOptions
{
    public const string Section = "Tabs";

    /// <summary>Our API's app id URI, the audience of the access tokens Teams SSO obtains (api://DOMAIN/APP_ID).</summary>
    public string? Audience { get; set; }
    /// <summary>The app (client) id, also accepted as audience.</summary>
    public string? ClientId { get; set; }
    /// <summary>Development only: the simulator's per-tenant OpenID metadata, whose keys the app then trusts.</summary>
    public Uri? DevIssuerMetadataUrl { get; set; }
    /// <summary>Development only: the simulator's /dev/token, forwarded by /api/dev/token so pages open in a plain browser.</summary>
    public Uri? DevTokenUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Audience);

    /// <summary>The development issuer must never be trusted in production: refuse to start rather than run open.</summary>
    public void Validate(bool isDevelopment)
    {
        if (!isDevelopment && (DevIssuerMetadataUrl is not null || DevTokenUrl is not null))
        {
            throw new InvalidOperationException(
                "Tabs:DevIssuerMetadataUrl and Tabs:DevTokenUrl are allowed only in Development; remove them from this environment's configuration.");
        }
        foreach (var url in new[] { DevIssuerMetadataUrl, DevTokenUrl })
        {
            if (url is not null && !url.IsLoopback)
            {
                throw new InvalidOperationException($"The development issuer must be on a loopback address, not {url.Host}.");
            }
        }
    }
}
