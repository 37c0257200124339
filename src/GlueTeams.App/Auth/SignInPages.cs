namespace GlueTeams.App.Auth;

/// <summary>
/// What the sign-in pages need and where they are: /auth/config (the client id and the API scope, public values that
/// the manifest's webApplicationInfo already publishes), /auth/start and /auth/end (Teams' consent window, opened by
/// authentication.authenticate) and /auth/dialog (the Outlook pane's last fallback, in Office's dialog).
/// </summary>
internal static class SignInPages
{
    /// <summary>The scope the tab and the pane ask for: our API's access_as_user.</summary>
    public const string ScopeName = "access_as_user";

    public sealed record SignInConfig(string ClientId, string Scope);

    /// <summary>The app id: Tabs:ClientId, or the last segment of the api://DOMAIN/APP_ID audience; null when neither names one.</summary>
    public static SignInConfig? ConfigOf(TabsOptions tabs)
    {
        ArgumentNullException.ThrowIfNull(tabs);
        if (!tabs.IsConfigured)
        {
            return null;
        }
        var clientId = tabs.ClientId is { Length: > 0 } id ? id : tabs.Audience!.TrimEnd('/').Split('/')[^1];
        return Guid.TryParse(clientId, out _) ? new SignInConfig(clientId, $"{tabs.Audience!.TrimEnd('/')}/{ScopeName}") : null;
    }

    public static WebApplication MapSignInPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var config = ConfigOf(app.Services.GetRequiredService<TabsOptions>());
        app.MapGet("/auth/config", () => config is null
                ? Results.Problem("Sign-in is not configured (Tabs:Audience with the app id).", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(config))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapFallbackToFile("/auth/start", "auth-teams.html");
        app.MapFallbackToFile("/auth/end", "auth-teams.html");
        app.MapFallbackToFile("/auth/dialog", "auth-dialog.html");
        return app;
    }
}
