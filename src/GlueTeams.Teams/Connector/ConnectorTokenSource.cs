using GlueTeams.Teams.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace GlueTeams.Teams.Connector;

/// <summary>Where the bearer token for calls to the Bot Connector comes from; tests count calls to prove none was made.</summary>
public interface IConnectorTokenSource
{
    /// <summary>The access token, or null when the bot runs anonymously (Development).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The app's own token for https://api.botframework.com through MSAL client credentials (secret, certificate or managed
/// identity). MSAL keeps the token in the application's in-memory cache and renews it shortly before expiry, so this
/// must be a singleton.
/// </summary>
public sealed class MsalConnectorTokenSource : IConnectorTokenSource
{
    public const string Resource = "https://api.botframework.com";
    public const string Scope = Resource + "/.default";

    private readonly Func<CancellationToken, Task<AuthenticationResult>>? _acquire;

    public MsalConnectorTokenSource(IOptions<BotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bot = options.Value;
        if (bot.IsAnonymous)
        {
            return;
        }
        if (bot.UseManagedIdentity)
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(bot.AppId)).Build();
            _acquire = ct => identity.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(ct);
            return;
        }
        // Multi-tenant bots get their token from the botframework.com tenant, single-tenant bots from their own.
        var builder = ConfidentialClientApplicationBuilder.Create(bot.AppId)
            .WithAuthority($"https://login.microsoftonline.com/{(string.IsNullOrEmpty(bot.TenantId) ? "botframework.com" : bot.TenantId)}");
        builder = string.IsNullOrEmpty(bot.CertificatePath)
            ? builder.WithClientSecret(bot.AppPassword)
            : builder.WithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(bot.CertificatePath, null));
        var app = builder.Build();
        _acquire = ct => app.AcquireTokenForClient([Scope]).ExecuteAsync(ct);
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        _acquire is null ? null : (await _acquire(cancellationToken).ConfigureAwait(false)).AccessToken;
}
