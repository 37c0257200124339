using GlueTeams.Core.Net;

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

    /// <summary>The development issuer must never be trusted outside Development: one sentence per problem, naming the setting.</summary>
    public IEnumerable<string> Problems(bool isDevelopment) =>
        new[]
        {
            Loopback.DevelopmentOnlyProblem("Tabs:DevIssuerMetadataUrl", DevIssuerMetadataUrl, isDevelopment),
            Loopback.DevelopmentOnlyProblem("Tabs:DevTokenUrl", DevTokenUrl, isDevelopment),
        }.OfType<string>();
}
