using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace GlueTeams.Graph.Auth;

/// <summary>
/// Gets app-only tokens from the simulator's development issuer (GET {DevTokenUrl}), so that requests to the simulated
/// Graph carry a real bearer token through the same authentication provider as production. Loopback addresses only.
/// </summary>
public sealed class DevTokenCredential : TokenCredential
{
    private static readonly HttpClient s_http = new();
    private readonly Uri _tokenUrl;
    private readonly TimeProvider _time;
    private AccessToken? _cached;

    public DevTokenCredential(Uri tokenUrl, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        if (!GlueTeams.Core.Net.Loopback.IsLoopback(tokenUrl))
        {
            throw new ArgumentException($"The development token endpoint must be on a loopback address, not {tokenUrl.Host}.", nameof(tokenUrl));
        }
        _tokenUrl = tokenUrl;
        _time = time ?? TimeProvider.System;
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    /// <summary>The last token until five minutes before it expires, as Azure.Identity's credentials cache theirs.</summary>
    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.ExpiresOn > _time.GetUtcNow().AddMinutes(5))
        {
            return cached;
        }
        var token = await s_http.GetFromJsonAsync<TokenResponse>(_tokenUrl, cancellationToken)
            ?? throw new InvalidOperationException($"No token from {_tokenUrl}.");
        var fresh = new AccessToken(token.AccessToken, _time.GetUtcNow().AddSeconds(token.ExpiresIn));
        _cached = fresh;
        return fresh;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
