using GlueTeams.App.Api;
using GlueTeams.App.Auth;
using GlueTeams.App.Export;
using GlueTeams.App.Tags;
using GlueTeams.App.Team;
using GlueTeams.App.Users;
using GlueTeams.Graph;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlueTeams.App.Extensions;

public static class TabsServices
{
    /// <summary>Request bodies the tab API accepts: a record edit is well under this.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>The tab and add-in API ("Tabs" section): token validation, the manager's view, the packet export.</summary>
    public static IHostApplicationBuilder AddGlueTabs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tabs = builder.Configuration.Read<TabsOptions>(TabsOptions.Section);
        builder.Services.AddSettings<TabsOptions>(TabsOptions.Section, (options, isDevelopment) => options.Problems(isDevelopment));
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient(DevTokenApi.HttpClientName);
        builder.Services.AddProblemDetails();
        builder.Services.AddApiRequestTimeouts();
        builder.Services.AddOpenApi();
        // Enums travel as their names ("CarriesTeam"), never as a number that depends on the order of a C# declaration.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new IsoWeekJsonConverter());
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        builder.Services.AddSingleton<DirectReports>();
        builder.Services.AddSingleton<TeamReviews>();
        builder.Services.AddSingleton<GlueTeams.App.Evidence.Acknowledgements>();
        builder.Services.AddSingleton<DirectoryLookups>();
        builder.Services.AddSingleton<LocalWeeks>();
        builder.Services.AddSingleton<WhoViewed>();
        builder.Services.AddGluePacket();
        builder.Services.TryAddSingleton<DirectoryProfiles>();
        // Built only when Graph is configured (see MapTagsApi), whatever the order of the Add calls: a factory, so that
        // a host without Graph does not fail its start-time check of constructor dependencies.
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutlookTags>(sp));
        builder.AddTabsAuthentication(tabs);
        return builder;
    }

    /// <summary>The API (when an audience is configured), the OpenAPI document and the built pages with their tab routes.</summary>
    public static WebApplication MapGlueTabs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tabs = app.Services.GetRequiredService<TabsOptions>();
        // Problem details, the body limit and 503 for a dependency's outage apply to the tab API only; the bot's
        // /api/messages has its own rules.
        app.UseWhen(context => IsTabApi(context.Request.Path), branch =>
        {
            branch.UseStatusCodePages();
            branch.Use(RefuseOversizedBodies);
            branch.UseRequestTimeouts();
            branch.Use(DependencyProblems.MapFailuresAsync);
        });
        // Graph's change notifications: storage down is a 503 that Graph retries later, not a 500.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/graph", StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(DependencyProblems.MapFailuresAsync));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        if (tabs.IsConfigured)
        {
            app.MapMeApi();
            app.MapEvidenceApi();
            app.MapTeamApi();
            MapTagsApi(app);
        }
        else
        {
            app.Logger.LogWarning("Tabs:Audience is not configured: the tab API is not served.");
        }
        if (app.Environment.IsDevelopment() && tabs.DevTokenUrl is { } devTokenUrl)
        {
            app.MapDevTokenApi(devTokenUrl);
        }
        MapPages(app);
        return app;
    }

    /// <summary>Tags read the meeting through Graph: without a Graph credential the add-in is told so, not given a 500.</summary>
    private static void MapTagsApi(WebApplication app)
    {
        if (app.Services.GetService<TenantGraphClients>() is not null)
        {
            app.MapTagsApi();
            return;
        }
        app.Logger.LogWarning("Graph is not configured: the Outlook add-in's tag API answers 503.");
        app.Map("/api/tags/{**rest}", () => TypedResults.Problem("Tagging from Outlook needs the connection to Microsoft Graph, which is not configured.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not available")).RequireAuthorization();
    }

    /// <summary>The Vite build in wwwroot (./glue builds it): static files, and the tab routes to its page.</summary>
    private static void MapPages(WebApplication app)
    {
        app.UseStaticFiles();
        app.MapFallbackToFile("/tab/me", "index.html");
        app.MapFallbackToFile("/tab/team", "index.html");
        app.MapFallbackToFile("/addin/taskpane", "taskpane.html");
    }

    private static bool IsTabApi(PathString path) =>
        path.StartsWithSegments("/api/me", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/api/team", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/api/tags", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/api/dev", StringComparison.OrdinalIgnoreCase);

    private static async Task RefuseOversizedBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TypedResults.Problem($"The request body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request")
                .ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        await next(context);
    }
}
