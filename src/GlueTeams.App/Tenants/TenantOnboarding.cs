using System.Net;
using GlueTeams.App.Store;
using GlueTeams.Core.Validation;
using GlueTeams.Graph;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.Primitives;

namespace GlueTeams.App.Tenants;

/// <summary>
/// Multi-tenant onboarding by admin consent. <c>GET /admin/consent</c> stores a single-use state and sends the admin to
/// Entra ID's admin consent page for the app's Graph permissions; Entra sends the browser back to
/// <c>GET /admin/consent/callback</c> with <c>admin_consent=True&amp;tenant=…&amp;state=…</c>, or <c>error</c> and
/// <c>error_description</c> when the admin refused. The callback takes the state back (unknown, used or expired: refused),
/// and since anyone can call it, believes the tenant only once Entra issues the app a token for it; then the tenant is
/// recorded as served. Entra's answer names the tenant, not the admin: to record who consented (their object id, no
/// name), the browser then makes a silent OpenID Connect sign-in of the same admin (<c>prompt=none</c>, an ID token
/// posted to <c>POST /admin/consent/signed-in</c>); if that fails, the tenant stays served and "who" stays unknown.
/// Every answer is a plain page.
/// </summary>
internal static partial class TenantOnboarding
{
    public const string ConsentPath = "/admin/consent";
    public const string CallbackPath = "/admin/consent/callback";
    public const string SignedInPath = "/admin/consent/signed-in";
    /// <summary>An ID token and a state fit in far less; anything bigger is refused unread.</summary>
    private const long MaxSignedInBytes = 32 * 1024;
    private const int MaxErrorDescription = 500;

    public static IEndpointRouteBuilder MapTenantOnboarding(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConsentPath, StartAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(CallbackPath, CallbackAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(SignedInPath, SignedInAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Entra's admin consent URL for the app's Graph permissions (.default: every permission the registration asks for).</summary>
    public static Uri ConsentUrl(TenancyOptions tenancy, string tenant, string clientId, Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(tenancy);
        var query = $"client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri.AbsoluteUri)}" +
                    $"&state={Uri.EscapeDataString(state)}&scope={Uri.EscapeDataString(GraphClients.Scope)}";
        return new Uri(tenancy.ConsentAuthority, $"{Uri.EscapeDataString(tenant)}/v2.0/adminconsent?{query}");
    }

    /// <summary>
    /// GET /admin/consent[?tenant=TID]: to Entra's admin consent page, for the tenant named (the link a card or tab
    /// gives a user's admin) or for whichever organisation the admin signs in to.
    /// </summary>
    private static async Task<IResult> StartAsync(HttpRequest request, TenancyOptions tenancy, TenantRegistry registry, GraphOptions graph, StoreOptions store,
        CancellationToken cancellationToken)
    {
        if (Single(request.Query, "tenant") is not { } tenant || (tenant.Length > 0 && !SafeIds.IsSafe(tenant)))
        {
            return TypedResults.Problem("tenant must be a directory (tenant) id, given once, or left out.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        var state = await registry.NewConsentStateAsync(cancellationToken: cancellationToken);
        return TypedResults.Redirect(ConsentUrl(tenancy, tenant.Length > 0 ? tenant : "organizations", graph.ClientId!, Callback(store), state).AbsoluteUri);
    }

    /// <summary>GET /admin/consent/callback: where Entra sends the admin back.</summary>
    private static async Task<IResult> CallbackAsync(HttpRequest request, TenantRegistry registry, TenantAccess tenants, ErasureTombstones tombstones,
        TenancyOptions tenancy, GraphOptions graph, StoreOptions store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var logger = loggers.CreateLogger(typeof(TenantOnboarding));
        string? Get(string name) => Single(query, name);
        // A state of this leg names no tenant; one of the sign-in leg does, and is refused here.
        if (Get("state") is not { Length: > 0 } state || await registry.TakeConsentStateAsync(state, cancellationToken) is not { TenantId: null })
        {
            LogRefused(logger, "no valid state");
            return Expired();
        }
        if (Get("error") is { Length: > 0 } error)
        {
            var description = Get("error_description") ?? "";
            LogRefused(logger, "Entra answered an error");
            return Page(StatusCodes.Status200OK, "Glueprint was not granted access",
                "<p>Microsoft Entra ID did not grant Glueprint access to your organisation, so nothing was recorded and Glueprint reads nothing.</p>" +
                $"<p>Entra's answer: <code>{Encode(error)}</code></p>" +
                (description.Length > 0 ? $"<p class=\"muted\">{Encode(description.Length > MaxErrorDescription ? description[..MaxErrorDescription] + "…" : description)}</p>" : "") +
                $"<p><a href=\"{ConsentPath}\">Try again</a></p>");
        }
        if (!string.Equals(Get("admin_consent"), "True", StringComparison.OrdinalIgnoreCase) || Get("tenant") is not { } answered || !SafeIds.IsSafe(answered))
        {
            LogRefused(logger, "an incomplete answer");
            return Page(StatusCodes.Status400BadRequest, "Glueprint could not read Entra's answer",
                $"<p>The answer names no organisation, or does not say that access was granted. Nothing was recorded. <a href=\"{ConsentPath}\">Start again</a>.</p>");
        }
        var tenantId = answered.ToLowerInvariant(); // Entra's form of a tenant id, as tokens carry it
        if (!await tenants.CanReadAsync(tenantId, cancellationToken))
        {
            LogRefused(logger, "no token for the tenant");
            return Page(StatusCodes.Status403Forbidden, "Entra has not confirmed the consent",
                "<p>Microsoft Entra ID does not let Glueprint into this organisation yet, so nothing was recorded. If an admin just granted access, " +
                $"it can take a minute to apply: <a href=\"{ConsentPath}?tenant={tenantId}\">try again</a>.</p>");
        }
        await tombstones.ClearTenantAsync(tenantId, cancellationToken); // an organisation that left and comes back
        await registry.RegisterAsync(tenantId, consentedBy: null, cancellationToken);
        tenants.Forget(tenantId);
        LogRegistered(logger);
        var signIn = await registry.NewConsentStateAsync(tenantId, cancellationToken);
        return TypedResults.Redirect(SignInUrl(tenancy, tenantId, graph.ClientId!, new Uri(store.PublicUrl!, SignedInPath), signIn).AbsoluteUri);
    }

    /// <summary>Entra's authorize endpoint for a silent sign-in of the admin who is signed in there: an ID token, posted back.</summary>
    public static Uri SignInUrl(TenancyOptions tenancy, string tenantId, string clientId, Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(tenancy);
        var query = $"client_id={Uri.EscapeDataString(clientId)}&response_type=id_token&response_mode=form_post&scope=openid" +
                    $"&redirect_uri={Uri.EscapeDataString(redirectUri.AbsoluteUri)}&state={Uri.EscapeDataString(state)}&nonce={Uri.EscapeDataString(state)}&prompt=none";
        return new Uri(tenancy.ConsentAuthority, $"{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/authorize?{query}");
    }

    /// <summary>
    /// POST /admin/consent/signed-in: the ID token of the admin who consented (Entra's form_post), or Entra's error when
    /// it could not sign them in silently. Either way the tenant is served; only with a valid token is "who" recorded.
    /// </summary>
    private static async Task<IResult> SignedInAsync(HttpRequest request, TenantRegistry registry, ConsentingAdmin admins, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TenantOnboarding));
        if (request.ContentLength is not (> 0 and <= MaxSignedInBytes) || !request.HasFormContentType)
        {
            LogRefused(logger, "a sign-in answer that is not a small form");
            return Page(StatusCodes.Status400BadRequest, "Glueprint could not read Entra's answer", "<p>Nothing was recorded.</p>");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form["state"] is not [{ Length: > 0 } state] || await registry.TakeConsentStateAsync(state, cancellationToken) is not { TenantId: { } tenantId })
        {
            LogRefused(logger, "no valid sign-in state");
            return Expired();
        }
        if (form["id_token"] is [{ Length: > 0 } idToken] && await admins.ObjectIdAsync(idToken, tenantId, state, cancellationToken) is { } adminId)
        {
            await registry.SetConsentedByAsync(tenantId, adminId, cancellationToken);
        }
        else
        {
            LogWhoUnknown(logger);
        }
        return Page(StatusCodes.Status200OK, "Glueprint is connected to your organisation",
            "<p>Thank you: your organisation granted Glueprint its Microsoft Graph permissions. People in your organisation can now add Glueprint in Teams; " +
            "their weekly card lists their meetings from the next sync on.</p>" +
            $"<p class=\"muted\">Organisation (tenant) id: <code>{Encode(tenantId)}</code></p>");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Expired() =>
        Page(StatusCodes.Status400BadRequest, "This consent link has expired",
            $"<p>Glueprint did not start this request, or it was already used or is more than {TenantRegistry.ConsentStateLifetime.TotalMinutes:0} minutes old. Nothing was recorded.</p>" +
            $"<p><a href=\"{ConsentPath}\">Start the admin consent again</a>.</p>");

    /// <summary>Where Entra sends the admin back: registered on the app registration as a web redirect URI.</summary>
    public static Uri Callback(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new Uri(store.PublicUrl ?? throw new InvalidOperationException("Store:PublicUrl is required in multi-tenant mode."), CallbackPath);
    }

    /// <summary>The one value of a query parameter: "" when absent, null when given more than once.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.Count == 1 ? values[0] ?? "" : null : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Page(int status, string title, string body) =>
        TypedResults.Content(StorePages.Message(title, $"<h1>{Encode(title)}</h1>\n{body}"), "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An admin consent callback was refused: {Reason}; nothing recorded.")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin who consented could not be signed in silently (or their ID token was refused); who consented stays unknown.")]
    private static partial void LogWhoUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant's admin consented; the tenant is now served.")]
    private static partial void LogRegistered(ILogger logger);
}
