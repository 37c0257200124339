using GlueTeams.App.Auth;
using GlueTeams.Graph;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GlueTeams.App.Tenants;

/// <summary>
/// Who consented, from the ID token of their silent sign-in: signed by a key Entra ID publishes (the same key source
/// the tab API trusts), for our app registration, issued by the tenant that consented, carrying the round trip's nonce
/// and not expired. Only the object id is kept.
/// </summary>
/// <param name="graph">Graph's settings (its client id is the app registration's), when Graph is configured.</param>
public sealed class ConsentingAdmin(IOptionsMonitor<JwtBearerOptions> bearer, TimeProvider time, GraphOptions? graph = null)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The admin's object id, or null when the token is not one Entra issued for this sign-in.</summary>
    public async Task<string?> ObjectIdAsync(string idToken, string tenantId, string nonce, CancellationToken cancellationToken)
    {
        if (graph?.ClientId is not { Length: > 0 } clientId || bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } metadata
            || !_handler.CanReadToken(idToken))
        {
            return null;
        }
        var keys = (await metadata.GetConfigurationAsync(cancellationToken)).SigningKeys;
        var result = await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidAudience = clientId,
            ValidIssuer = TabsAuthentication.EntraIssuer(tenantId),
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires > time.GetUtcNow().UtcDateTime.AddMinutes(-2) && (notBefore ?? DateTime.MinValue) < time.GetUtcNow().UtcDateTime.AddMinutes(2),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<string>("nonce", out var sent) || !string.Equals(sent, nonce, StringComparison.Ordinal)
            || !token.TryGetPayloadValue<string>("tid", out var tid) || !string.Equals(tid, tenantId, StringComparison.OrdinalIgnoreCase)
            || !token.TryGetPayloadValue<string>("oid", out var oid) || !Caller.IsSafeId(oid))
        {
            return null;
        }
        return oid;
    }
}
