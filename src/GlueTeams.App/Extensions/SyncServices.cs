using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.Graph;
using GlueTeams.Graph.Auth;
using GlueTeams.Graph.Calendars;
using GlueTeams.Graph.Directory;
using GlueTeams.Graph.Subscriptions;
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
        builder.Services.AddSettings<GraphOptions>(GraphOptions.Section, (options, isDevelopment) => options.Problems(isDevelopment));
        builder.Services.AddSingleton<GraphCounters>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<GraphOptions>();
            return GraphClients.Create(options, GraphCredentials.From(options), sp.GetRequiredService<GraphCounters>());
        });
        builder.Services.AddSingleton(sp => new CalendarReader(sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), sp.GetRequiredService<GraphOptions>(),
            sp.GetRequiredService<GraphCounters>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new DirectoryReader(sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>()));
        builder.Services.AddSingleton<WeekSync>();
        // Artifact reach (issue 16): item analytics read weekly by one instance; a 403 only turns the feature off.
        builder.Services.AddSingleton(sp => new GlueTeams.Graph.Files.ItemAnalyticsReader(sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>()));
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachRefresh>();
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachJob>();
        builder.Services.AddSingleton(sp => new WorkQueue<SyncWorkItem>(sp.GetRequiredService<StorageOptions>(), "sync"));
        builder.Services.AddSingleton(new StorageResource("sync queue", (sp, ct) => sp.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync(ct)));
        builder.Services.AddSingleton(sp => new SubscriptionClient(sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>()));
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

    public static bool IsConfigured(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DevTokenUrl is not null || options.UseManagedIdentity || !string.IsNullOrEmpty(options.ClientId);
    }
}
