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
    /// Microsoft Graph ("Graph" section) and calendar sync over the shared queue, when Graph:Enabled is true; otherwise the
    /// app runs without sync (a bot-only test host). Every instance consumes the queue unless Sync:RunWorker is false.
    /// </summary>
    public static IHostApplicationBuilder AddGlueSync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.Read<GraphOptions>(GraphOptions.Section).Enabled)
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
        // Artifact reach (issue 16): item analytics read weekly by one instance, each tenant with its own Graph; a 403 only turns the feature off there.
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachRefresh>();
        builder.Services.AddSingleton<GlueTeams.App.Evidence.ArtifactReachJob>();
        builder.Services.AddSingleton(sp => new WorkQueue<SyncWorkItem>(sp.GetRequiredService<StorageOptions>(), "sync"));
        builder.Services.AddSingleton(new StorageResource("sync queue", (sp, ct) => sp.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync(ct)));
        builder.Services.AddSingleton(sp => new NotificationOptions(sp.GetRequiredService<GraphOptions>().NotificationUrl));
        builder.Services.AddSingleton<SubscriptionManager>();
        builder.Services.AddSingleton(SyncWorkerOptions.Default);
        builder.Services.AddSingleton<SyncWorker>();
        if (builder.Configuration.Read<SyncSwitches>(SyncSwitches.Section).RunWorker)
        {
            builder.Services.AddHostedService<SyncWorkerService>();
            builder.Services.AddHostedService<SubscriptionRenewalService>();
        }
        if (builder.Configuration.Read<EvidenceSwitches>(EvidenceSwitches.Section).RefreshArtifactReach)
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
}

/// <summary>The "Sync" section: whether this instance consumes the sync queue (every instance does by default).</summary>
public sealed class SyncSwitches
{
    public const string Section = "Sync";
    public bool RunWorker { get; set; } = true;
}

/// <summary>The "Evidence" section: whether this instance runs the weekly artifact-reach job (needs Graph).</summary>
public sealed class EvidenceSwitches
{
    public const string Section = "Evidence";
    public bool RefreshArtifactReach { get; set; } = true;
}
