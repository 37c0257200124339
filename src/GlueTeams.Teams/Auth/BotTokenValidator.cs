using System.Text.Json;
using GlueTeams.Teams.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace GlueTeams.Teams.Auth;

/// <summary>
/// Validates the Bot Connector's bearer token on an inbound activity: signature by a key from the OpenID metadata,
/// RS256 only, issuer, audience = our app id, lifetime (5 min skew), the key's channel endorsement, and the token's
/// serviceurl claim against the activity. Thread-safe; register as a singleton (it caches the metadata).
/// </summary>
public sealed class BotTokenValidator
{
    public const string Issuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BotOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="metadataHttp">The client the metadata and keys are fetched with.</param>
    public BotTokenValidator(IOptions<BotOptions> options, HttpClient metadataHttp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        var url = _options.OpenIdMetadataUrl;
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            url.AbsoluteUri,
            new OpenIdConnectConfigurationRetriever(),
            // Options validation allows plain http only to loopback in Development (tests, the simulator).
            new HttpDocumentRetriever(metadataHttp) { RequireHttps = !GlueTeams.Core.Net.Loopback.IsLoopback(url) });
    }

    /// <param name="authorization">The request's Authorization header, "Bearer ..." or null.</param>
    public async Task<BotAuthResult> ValidateAsync(string? authorization, InboundActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = _options.IsAnonymous ? new BotAuthResult.Accepted(null) : await ValidateTokenAsync(authorization, activity, cancellationToken).ConfigureAwait(false);
        return result is BotAuthResult.Accepted && !string.IsNullOrEmpty(_options.TenantId) && !_options.ServesManyTenants
            && !string.Equals(_options.TenantId, activity.TenantId, StringComparison.OrdinalIgnoreCase)
            ? new BotAuthResult.Refused(BotAuthFailure.WrongTenant, "The activity comes from a tenant this single-tenant bot does not serve.")
            : result;
    }

    private async Task<BotAuthResult> ValidateTokenAsync(string? authorization, InboundActivity activity, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
        {
            return new BotAuthResult.Refused(BotAuthFailure.MissingToken, "No bearer token.");
        }
        var token = authorization[scheme.Length..].Trim();

        var config = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, Parameters(config)).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The Bot Framework rotates keys: look again once before refusing.
            _metadata.RequestRefresh();
            config = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await _handler.ValidateTokenAsync(token, Parameters(config)).ConfigureAwait(false);
        }
        if (!result.IsValid)
        {
            return new BotAuthResult.Refused(Classify(result.Exception), result.Exception?.Message ?? "The token is not valid.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var endorsements = Endorsements(config, jwt.Kid);
        if (endorsements is not null && (activity.Activity.ChannelId is not { Length: > 0 } channel || !endorsements.Contains(channel)))
        {
            return new BotAuthResult.Refused(BotAuthFailure.ChannelNotEndorsed, $"The signing key is not endorsed for channel '{activity.Activity.ChannelId}'.");
        }
        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || !string.Equals(serviceUrl, activity.Activity.ServiceUrl, StringComparison.Ordinal))
        {
            return new BotAuthResult.Refused(BotAuthFailure.ServiceUrlMismatch, "The token's serviceurl claim does not match the activity's serviceUrl.");
        }
        return new BotAuthResult.Accepted(result.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration config) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = _options.AppId,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        LifetimeValidator = ValidateLifetime,
    };

    // Our own lifetime check so that time comes from the TimeProvider; throws the handler's own exception types.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }
        if (notBefore > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {notBefore:O}.") { NotBefore = notBefore.Value };
        }
        if (expires < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires:O}.") { Expires = expires.Value };
        }
        return true;
    }

    /// <summary>The channels the key is endorsed for, or null when the key set does not say.</summary>
    private static HashSet<string>? Endorsements(OpenIdConnectConfiguration config, string? kid)
    {
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return null;
        }
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.ToString())],
            IEnumerable<object> list => [.. list.Select(o => o.ToString() ?? "")],
            _ => [],
        };
    }

    private static BotAuthFailure Classify(Exception? e) => e switch
    {
        SecurityTokenExpiredException => BotAuthFailure.Expired,
        SecurityTokenNotYetValidException => BotAuthFailure.NotYetValid,
        SecurityTokenInvalidAudienceException => BotAuthFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => BotAuthFailure.WrongIssuer,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => BotAuthFailure.BadSignature,
        // The handler reports a token that is not a JWT at all as an ArgumentException.
        SecurityTokenMalformedException or ArgumentException => BotAuthFailure.Malformed,
        _ => BotAuthFailure.Invalid,
    };
}
