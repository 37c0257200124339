using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GlueTeams.Simulator.Tokens;

/// <summary>What a minted token should say. Defaults give a valid token; tests change one thing at a time.</summary>
public sealed record TokenRequest
{
    public required string Issuer { get; init; }
    public required string Audience { get; init; }
    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    /// <summary>Sign with a key that the issuer's JWKS does not publish (a forgery).</summary>
    public bool SignWithUnknownKey { get; init; }
    /// <summary>Emit an unsigned token with "alg": "none".</summary>
    public bool AlgNone { get; init; }
}

/// <summary>
/// A development token issuer: an RSA key, the OpenID metadata and JWKS that publish it, and real signed JWTs in the
/// shapes of the Bot Connector (inbound bot traffic) and of Entra ID (tab and add-in API). Used by the simulator in
/// Development, and in-process by tests.
/// </summary>
/// <remarks>
/// The issuers of one process share one signing key (each publishes it under a key id of its own) and one key that no
/// issuer publishes, for forged tokens. A 2048-bit RSA key takes about 0.15 s of CPU to generate, and a test run
/// starts 125 issuers in one process: a key each was a quarter of App.Tests' CPU. So a token one issuer minted passes
/// the signature check of an app that trusts another issuer of the same process (its issuer and audience claims are
/// still checked); no test relies on the contrary. Forgeries are signed with the unpublished key, which no issuer's
/// JWKS lists, so every issuer's app refuses them.
/// </remarks>
public sealed class DevTokenIssuer
{
    public const string BotIssuer = "https://api.botframework.com";
    public const string GraphAudience = "https://graph.microsoft.com";
    private static readonly string[] s_graphRoles = ["Calendars.Read", "User.Read.All", "MailboxSettings.Read"];

    private static readonly RSA s_rsa = RSA.Create(2048);
    private static readonly RSA s_unknownRsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly RsaSecurityKey _unknownKey;
    private readonly TimeProvider _time;

    public DevTokenIssuer(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _key = new RsaSecurityKey(s_rsa) { KeyId = "dev-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() };
        _unknownKey = new RsaSecurityKey(s_unknownRsa) { KeyId = _key.KeyId + "-unknown" };
    }

    public string KeyId => _key.KeyId;

    /// <summary>The issuer Entra ID uses for v2.0 tokens of a tenant.</summary>
    public static string EntraIssuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    public string Mint(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            IssuedAt = (request.NotBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (request.NotBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (request.Expires ?? now.AddHours(1)).UtcDateTime,
            Claims = request.Claims.ToDictionary(),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        if (request.AlgNone)
        {
            return handler.CreateToken(System.Text.Json.JsonSerializer.Serialize(Payload(descriptor)));
        }
        descriptor.SigningCredentials = new SigningCredentials(request.SignWithUnknownKey ? _unknownKey : _key, SecurityAlgorithms.RsaSha256);
        return handler.CreateToken(descriptor);
    }

    /// <summary>A token as the Bot Connector sends it to a bot: audience = the bot's app id, the serviceurl claim.</summary>
    public string MintBotToken(string appId, string serviceUrl, Func<TokenRequest, TokenRequest>? change = null)
    {
        var request = new TokenRequest
        {
            Issuer = BotIssuer,
            Audience = appId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl, ["appid"] = "deadbeef-0000-0000-0000-00000000b07" },
        };
        return Mint(change is null ? request : change(request));
    }

    /// <summary>An Entra ID v2.0 access token for our API, as Teams SSO or Outlook SSO obtains it.</summary>
    public string MintUserToken(string tenantId, string objectId, string audience, string? name = null, string? upn = null, Func<TokenRequest, TokenRequest>? change = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["ver"] = "2.0",
            ["scp"] = "access_as_user",
        };
        if (name is not null)
        {
            claims["name"] = name;
        }
        if (upn is not null)
        {
            claims["preferred_username"] = upn;
        }
        var request = new TokenRequest { Issuer = EntraIssuer(tenantId), Audience = audience, Claims = claims };
        return Mint(change is null ? request : change(request));
    }

    /// <summary>An app-only Graph access token for a simulated tenant (the first by default), as the client credentials flow returns it.</summary>
    public string MintGraphAppToken(string tenantId = GlueTeams.Simulator.Org.SimulatedOrg.TenantId) => Mint(new TokenRequest
    {
        Issuer = EntraIssuer(tenantId),
        Audience = GraphAudience,
        Claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["appid"] = "00000000-0000-0000-0000-00000000a991",
            ["roles"] = s_graphRoles,
        },
    });

    /// <summary>
    /// The tenant an app-only Graph token is for, as Graph decides it: a token this issuer signed, for Graph, not
    /// expired, issued by the Entra issuer of the tenant it names. Null for anything else.
    /// </summary>
    public async Task<string?> GraphTenantOfAsync(string token)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token) || handler.ReadJsonWebToken(token).TryGetPayloadValue<string>("tid", out var tenantId) is false || tenantId is null)
        {
            return null;
        }
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = EntraIssuer(tenantId),
            ValidAudience = GraphAudience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires > _time.GetUtcNow().UtcDateTime && (notBefore ?? DateTime.MinValue) <= _time.GetUtcNow().UtcDateTime.AddMinutes(5),
        }).ConfigureAwait(false);
        return result.IsValid ? tenantId : null;
    }

    /// <summary>The OpenID Connect discovery document; <paramref name="jwksUri"/> is where <see cref="Jwks"/> is served.</summary>
    public static string OpenIdConfiguration(string issuer, Uri jwksUri) => new JsonObject
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri.AbsoluteUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    /// <summary>The JSON Web Key Set that publishes the signing key (and only it), endorsed for the msteams channel as the Bot Framework's keys are.</summary>
    public string Jwks()
    {
        var parameters = s_rsa.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = _key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        }.ToJsonString();
    }


    private static Dictionary<string, object> Payload(SecurityTokenDescriptor d)
    {
        var payload = new Dictionary<string, object>(d.Claims)
        {
            ["iss"] = d.Issuer,
            ["aud"] = d.Audience,
            ["nbf"] = EpochTime.GetIntDate(d.NotBefore!.Value),
            ["exp"] = EpochTime.GetIntDate(d.Expires!.Value),
        };
        return payload;
    }
}
