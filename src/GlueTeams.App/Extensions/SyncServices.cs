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
        var options = builder.Configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (!IsConfigured(options))
        {
            return builder;
        }
        var counters = new GraphCounters();
        var client = GraphClients.Create(options, GraphCredentials.From(options), counters);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(sp => new CalendarReader(client, options, counters, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new DirectoryReader(client));
        builder.Services.AddSingleton<WeekSync>();
        builder.Services.AddSingleton(sp => new WorkQueue<SyncWorkItem>(sp.GetRequiredService<StorageOptions>(), "sync"));
        builder.Services.AddSingleton(new StorageResource("sync queue", (sp, ct) => sp.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync(ct)));
        builder.Services.AddSingleton(new SubscriptionClient(client));
        builder.Services.AddSingleton(new NotificationOptions(builder.Configuration.GetValue<Uri?>("Graph:NotificationUrl")));
        builder.Services.AddSingleton<SubscriptionManager>();
        builder.Services.AddSingleton(SyncWorkerOptions.Default);
        builder.Services.AddSingleton<SyncWorker>();
        if (builder.Configuration.GetValue("Sync:RunWorker", true))
        {
            builder.Services.AddHostedService<SyncWorkerService>();
            builder.Services.AddHostedService<SubscriptionRenewalService>();
        }
        return builder;
    }

    public static bool IsConfigured(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DevTokenUrl is not null || options.UseManagedIdentity || !string.IsNullOrEmpty(options.ClientId);
    }
}
