using GlueTeams.App.Auth;
using GlueTeams.App.Store;
using GlueTeams.Graph;

namespace GlueTeams.App.Extensions;

public static class StoreServices
{
    /// <summary>What the store listing needs from the app: the links cards hand out ("Store" section) and the pages.</summary>
    public static IHostApplicationBuilder AddGlueStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSettings<StoreOptions>(StoreOptions.Section, (options, _) => options.Problems());
        var graphClientId = builder.Configuration.Read<GraphOptions>(GraphOptions.Section).ClientId;
        var onboarding = builder.Configuration.Read<GlueTeams.App.Tenants.TenancyOptions>(GlueTeams.App.Tenants.TenancyOptions.Section).IsMultiTenant;
        builder.Services.AddSingleton(sp => StoreLinks.Of(sp.GetRequiredService<StoreOptions>(), graphClientId, onboarding));
        return builder;
    }

    /// <summary>
    /// /privacy, /terms and /support, open to anyone; the sign-in pages (consent, the Outlook dialog); on the API routes,
    /// Graph's 403 said as missing admin consent.
    /// </summary>
    public static WebApplication MapGlueStore(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase), branch => branch.Use(AdminConsent.MapDeniedAsync));
        app.MapSignInPages();
        return app.MapStorePages();
    }
}
