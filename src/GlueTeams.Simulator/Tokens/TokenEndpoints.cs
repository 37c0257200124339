namespace GlueTeams.Simulator.Tokens;

/// <summary>
/// The development issuer over HTTP. Metadata for the Bot Connector shape (/dev/bot/.well-known/openid-configuration)
/// and for Entra ID (/dev/{tenant}/v2.0/.well-known/openid-configuration), the key set, and token mints for the
/// pages (/dev/token?tid=&amp;oid=) and for app-only Graph calls (/dev/graph/token?tid=, and Entra's own shape
/// POST /dev/{tenant}/oauth2/v2.0/token for MSAL). With the simulated tenants given, app-only tokens are issued only for
/// a tenant whose admin consented, which /dev/{tenant}/v2.0/adminconsent does as Entra's admin consent page would.
/// Mapped only in Development.
/// </summary>
public static class TokenEndpoints
{
    /// <param name="tenants">The simulated tenants whose consent decides app-only tokens; without them any directory id gets one.</param>
    public static IEndpointRouteBuilder MapDevTokenIssuer(this IEndpointRouteBuilder routes, DevTokenIssuer issuer, string apiAudience, IReadOnlyList<SimulatedTenant>? tenants = null)
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
            IsDirectoryId(tid) && IsDirectoryId(oid)
                ? Results.Json(new { access_token = issuer.MintUserToken(tid!, oid!, apiAudience, name, upn), token_type = "Bearer", expires_in = 3600 })
                : Results.Problem("tid and oid must be directory ids: letters, digits and dashes, at most 64.", statusCode: StatusCodes.Status400BadRequest));
        group.MapGet("/graph/token", (string? tid) => GraphToken(issuer, tenants, tid ?? tenants?[0].TenantId ?? Org.SimulatedOrg.TenantId));
        group.MapPost("/{tenantId}/oauth2/v2.0/token", async (string tenantId, HttpRequest request) =>
            request.HasFormContentType && (await request.ReadFormAsync()) is { } form && form["grant_type"] == "client_credentials"
                ? GraphToken(issuer, tenants, tenantId)
                : Results.Json(new { error = "unsupported_grant_type", error_description = "AADSTS70003: The app requested an unsupported grant type." }, statusCode: 400));
        if (tenants is not null)
        {
            group.MapGet("/{tenantId}/v2.0/adminconsent", (string tenantId, string? redirect_uri, string? state, string? scope) =>
                AdminConsent(tenants, tenantId, redirect_uri, state, scope));
            group.MapGet("/{tenantId}/oauth2/v2.0/authorize", (string tenantId, string? client_id, string? redirect_uri, string? state, string? nonce) =>
                SignIn(issuer, tenants, tenantId, client_id, redirect_uri, state, nonce));
        }
        return routes;
    }

    /// <summary>An app-only Graph token for the tenant, or Entra's answer when there is no such tenant or it never consented.</summary>
    private static IResult GraphToken(DevTokenIssuer issuer, IReadOnlyList<SimulatedTenant>? tenants, string tenantId)
    {
        if (!IsDirectoryId(tenantId))
        {
            return Results.Json(new { error = "invalid_request", error_description = "AADSTS900023: Specified tenant identifier is neither a valid DNS name, nor a valid external domain." }, statusCode: 400);
        }
        var tenant = tenants?.FirstOrDefault(t => string.Equals(t.TenantId, tenantId, StringComparison.OrdinalIgnoreCase));
        if (tenants is not null && tenant is null)
        {
            return Results.Json(new { error = "invalid_request", error_description = $"AADSTS90002: Tenant '{tenantId}' not found." }, statusCode: 400);
        }
        if (tenant is { Consented: false })
        {
            return Results.Json(new { error = "unauthorized_client", error_description = $"AADSTS700016: Application was not found in the directory '{tenantId}'. The administrator of the tenant has not consented to it." }, statusCode: 400);
        }
        return Results.Json(new { access_token = issuer.MintGraphAppToken(tenantId), token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600 });
    }

    /// <summary>Entra's admin consent page with an admin who approves at once: the tenant consents, and the browser goes back with the answer.</summary>
    private static IResult AdminConsent(IReadOnlyList<SimulatedTenant> tenants, string tenantId, string? redirectUri, string? state, string? scope)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var back) || back.Scheme is not ("http" or "https"))
        {
            return Results.Problem("redirect_uri must be an absolute http(s) URL.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (tenants.FirstOrDefault(t => string.Equals(t.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)) is not { } tenant)
        {
            return Results.Problem($"No simulated tenant '{tenantId}': the simulated admin signs in to one of {string.Join(", ", tenants.Select(t => t.TenantId))}.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        tenant.Consented = true;
        var query = $"admin_consent=True&tenant={Uri.EscapeDataString(tenant.TenantId)}&scope={Uri.EscapeDataString(scope ?? "")}&state={Uri.EscapeDataString(state ?? "")}";
        return Results.Redirect(new UriBuilder(back) { Query = query }.Uri.AbsoluteUri);
    }

    /// <summary>
    /// Entra's authorize endpoint for response_type=id_token and response_mode=form_post, with the tenant's admin
    /// signed in already: the page that posts their ID token (and the state) back, as Entra's does.
    /// </summary>
    private static IResult SignIn(DevTokenIssuer issuer, IReadOnlyList<SimulatedTenant> tenants, string tenantId, string? clientId, string? redirectUri, string? state, string? nonce)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var back) || back.Scheme is not ("http" or "https") || !IsDirectoryId(clientId))
        {
            return Results.Problem("redirect_uri must be an absolute http(s) URL and client_id a directory id.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (tenants.FirstOrDefault(t => string.Equals(t.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)) is not { } tenant)
        {
            return Results.Problem($"No simulated tenant '{tenantId}'.", statusCode: StatusCodes.Status400BadRequest);
        }
        var idToken = issuer.Mint(new TokenRequest
        {
            Issuer = DevTokenIssuer.EntraIssuer(tenant.TenantId),
            Audience = clientId!,
            Claims = new Dictionary<string, object>
            {
                ["tid"] = tenant.TenantId, ["oid"] = tenant.Admin.Id, ["sub"] = tenant.Admin.Id, ["ver"] = "2.0", ["nonce"] = nonce ?? "",
            },
        });
        string Field(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{System.Net.WebUtility.HtmlEncode(value)}\">";
        return Results.Content($"<!doctype html><html><body><form method=\"post\" action=\"{System.Net.WebUtility.HtmlEncode(back.AbsoluteUri)}\">" +
            Field("id_token", idToken) + Field("state", state ?? "") + "</form><script>document.forms[0].submit()</script></body></html>", "text/html; charset=utf-8");
    }

    /// <summary>GUIDs, and the GUID-like ids with a longer last group that the Teams test tools (and this simulator) use.</summary>
    private static bool IsDirectoryId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static Uri KeysUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}/dev/keys");
}
