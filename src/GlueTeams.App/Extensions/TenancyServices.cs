using GlueTeams.App.Auth;
using GlueTeams.App.Store;
using GlueTeams.App.Tenants;
using GlueTeams.Graph;
using GlueTeams.Storage.Tenants;

namespace GlueTeams.App.Extensions;

public static class TenancyServices
{
    /// <summary>
    /// The deployment mode ("Tenancy" section) and what serves it: the tenant registry, <see cref="TenantAccess"/>
    /// (which tenants are served, and Graph for each) and the offboarding.
    /// </summary>
    public static IHostApplicationBuilder AddGlueTenancy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSettings<TenancyOptions>(TenancyOptions.Section, (options, isDevelopment) =>
            options.Problems(isDevelopment, configuration.Read<GraphOptions>(GraphOptions.Section), configuration.Read<StoreOptions>(StoreOptions.Section),
                configuration.Read<TabsOptions>(TabsOptions.Section)));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TenantRegistry>();
        builder.Services.AddSingleton<TenantDataEraser>();
        builder.Services.AddSingleton<TenantErasure>();
        builder.Services.AddSingleton<ConsentingAdmin>();
        builder.Services.AddSingleton(sp => new TenantAccess(sp.GetRequiredService<TenancyOptions>(), sp.GetRequiredService<TenantRegistry>(),
            sp.GetRequiredService<GlueTeams.Storage.Users.ErasureTombstones>(), sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            sp.GetService<TenantGraphClients>()));
        return builder;
    }

    /// <summary>
    /// Multi-tenant only: the admin consent onboarding, the offboarding, and on the tab and add-in API a token from an
    /// organisation that has not consented answered like Graph's own refusal (403 with the admin consent link).
    /// </summary>
    public static WebApplication MapGlueTenancy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<TenancyOptions>().IsMultiTenant)
        {
            return app;
        }
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), branch => branch.Use(RefuseUnservedTenantsAsync));
        app.MapTenantOnboarding();
        app.MapTenantOffboarding();
        return app;
    }

    private static async Task RefuseUnservedTenantsAsync(HttpContext context, RequestDelegate next)
    {
        if (Caller.TryFrom(context.User) is { } caller
            && !await context.RequestServices.GetRequiredService<TenantAccess>().ServesAsync(caller.TenantId, context.RequestAborted))
        {
            await AdminConsent.Problem(context.RequestServices.GetRequiredService<StoreLinks>(), caller.TenantId).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
