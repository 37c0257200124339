namespace GlueTeams.Simulator.Tokens;

/// <summary>
/// The development issuer over HTTP. Metadata for the Bot Connector shape (/dev/bot/.well-known/openid-configuration)
/// and for Entra ID (/dev/{tenant}/v2.0/.well-known/openid-configuration), the key set, and token mints for the
/// pages (/dev/token?tid=&amp;oid=) and for app-only Graph calls (/dev/graph/token). Mapped only in Development.
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapDevTokenIssuer(this IEndpointRouteBuilder routes, DevTokenIssuer issuer, string apiAudience)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(issuer);
        var group = routes.MapGroup("/dev");
        group.MapGet("/keys", () => Results.Text(issuer.Jwks(), "application/json"));
        group.MapGet("/bot/.well-known/openid-configuration", (HttpRequest request) =>
            Results.Text(DevTokenIssuer.OpenIdConfiguration(DevTokenIssuer.BotIssuer, KeysUri(request)), "application/json"));
        group.MapGet("/{tenantId}/v2.0/.well-known/openid-configuration", (string tenantId, HttpRequest request) =>
            Results.Text(DevTokenIssuer.OpenIdConfiguration(DevTokenIssuer.EntraIssuer(tenantId), KeysUri(request)), "application/json"));
        group.MapGet("/token", (string? tid, string? oid, string? name, string? upn) =>
            Guid.TryParse(tid, out _) && Guid.TryParse(oid, out _)
                ? Results.Json(new { access_token = issuer.MintUserToken(tid!, oid!, apiAudience, name, upn), token_type = "Bearer", expires_in = 3600 })
                : Results.Problem("tid and oid must be GUIDs.", statusCode: StatusCodes.Status400BadRequest));
        group.MapGet("/graph/token", () =>
            Results.Json(new { access_token = issuer.MintGraphAppToken(), token_type = "Bearer", expires_in = 3600 }));
        return routes;
    }

    private static Uri KeysUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}/dev/keys");
}
