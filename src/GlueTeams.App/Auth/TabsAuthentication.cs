using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GlueTeams.App.Auth;

public static class TabsAuthentication
{
    /// <summary>Entra ID publishes one key set for every tenant; the issuer is checked per token against its own tid.</summary>
    private const string EntraMetadata = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// JwtBearer for Entra ID v2.0 access tokens from any tenant: signature from the metadata keys, audience = our app id
    /// URI or app id, issuer = login.microsoftonline.com/{the token's tid}/v2.0, lifetime. In Development the simulator's
    /// development issuer may stand in for Entra ID's keys; nowhere else.
    /// </summary>
    public static IHostApplicationBuilder AddTabsAuthentication(this IHostApplicationBuilder builder, TabsOptions tabs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tabs);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            var dev = builder.Environment.IsDevelopment() ? tabs.DevIssuerMetadataUrl : null;
            options.MetadataAddress = dev?.AbsoluteUri ?? EntraMetadata;
            options.RequireHttpsMetadata = dev is null;
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudiences = new[] { tabs.Audience, tabs.ClientId }.Where(a => !string.IsNullOrWhiteSpace(a)).ToArray()!,
                ValidateAudience = true,
                ValidateIssuer = true,
                IssuerValidator = ValidateIssuerOfTokenTenant,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromMinutes(2),
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (Caller.TryFrom(context.Principal!) is null)
                    {
                        context.Fail("The token has no usable tid and oid claims.");
                    }
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorization();
        return builder;
    }

    public static string EntraIssuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    /// <summary>Multi-tenant issuer rule: the issuer must be Entra ID's v2.0 issuer of the tenant named in the token itself.</summary>
    internal static string ValidateIssuerOfTokenTenant(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tenantId = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if (Caller.IsSafeId(tenantId) && string.Equals(issuer, EntraIssuer(tenantId!), StringComparison.Ordinal))
        {
            return issuer;
        }
        throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' is not Entra ID's v2.0 issuer for the token's tenant.");
    }
}
