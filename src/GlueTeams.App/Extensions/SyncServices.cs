using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.App.Tenants;
using GlueTeams.Graph;
using GlueTeams.Graph.Auth;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;

namespace GlueTeams.App.Extensions;

public static class SyncServices
{
    /// <summary>
    /// Microsoft Graph ("Graph" section) and calendar sync over the shared queue. Without a Graph credential the app
    /// runs without sync (a bot-only test host); with one, every instance consumes the queue unless Sync:RunWorker is false.
    /// </summary>
    public static IHostApplicationBuilder AddGlueSync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsConfigured(builder.Configuration.Read<GraphOptions>(GraphOptions.Section)))
        {
            return builder;
        }
        // Built from the validated settings when first needed, so that a bad setting is reported, not thrown from here.
        var multiTenant = builder.Configuration.Read<TenancyOptions>(TenancyOptions.Section).IsMultiTenant;
        builder.Services.AddSettings<GraphOptions>(GraphOptions.Section, (options, isDevelopment) => options.Problems(isDevelopment, multiTenant));
        builder.Services.AddSingleton<GraphCounters>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<GraphOptions>();
            return new TenantGraphClients(options, CredentialsFor(options, multiTenant), sp.GetRequiredService<GraphCounters>(), sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<WeekSync>();
        // Artifact reach (issue 16): item analytics read weekly by one instance; a 403 only turns the feature off.
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachRefresh>();
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachJob>();
        builder.Services.AddSingleton(sp => new WorkQueue<SyncWorkItem>(sp.GetRequiredService<StorageOptions>(), "sync"));
        builder.Services.AddSingleton(new StorageResource("sync queue", (sp, ct) => sp.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync(ct)));
        builder.Services.AddSingleton(new NotificationOptions(builder.Configuration.GetValue<Uri?>("Graph:NotificationUrl")));
        builder.Services.AddSingleton<SubscriptionManager>();
        builder.Services.AddSingleton(SyncWorkerOptions.Default);
        builder.Services.AddSingleton<SyncWorker>();
        if (builder.Configuration.GetValue("Sync:RunWorker", true))
        {
            builder.Services.AddHostedService<SyncWorkerService>();
            builder.Services.AddHostedService<SubscriptionRenewalService>();
        }
        if (builder.Configuration.GetValue("Evidence:RefreshArtifactReach", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<GlueTeams.App.Evidence.ArtifactReachJob>());
        }
        return builder;
    }

    /// <summary>Self-hosted: the one credential, for the one tenant. Multi-tenant: each tenant's token from its own authority.</summary>
    private static Func<string, Azure.Core.TokenCredential> CredentialsFor(GraphOptions options, bool multiTenant)
    {
        if (multiTenant)
        {
            return new TenantCredentials(options).For;
        }
        var credential = GraphCredentials.From(options);
        return _ => credential;
    }

    public static bool IsConfigured(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DevTokenUrl is not null || options.UseManagedIdentity || !string.IsNullOrEmpty(options.ClientId);
    }
}
