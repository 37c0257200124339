using GlueTeams.App.Records;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Retention;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GlueTeams.App.Extensions;

public static class StorageServices
{
    /// <summary>The tables and stores, from the "Storage" section; the app refuses to start when it is not configured.</summary>
    public static IHostApplicationBuilder AddGlueStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSettings<StorageOptions>(StorageOptions.Section, (options, _) => options.Problems());
        builder.Services.AddSingleton(sp => new GlueTables(sp.GetRequiredService<StorageOptions>()));
        builder.Services.AddSingleton<ActivityStore>();
        builder.Services.AddSingleton<RecordDecisions>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<SyncStateStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<ClaimStore>();
        builder.Services.AddSingleton<CardScheduleStore>();
        builder.Services.AddSingleton<UserDataEraser>();
        builder.Services.AddSingleton<GlueTeams.Storage.Evidence.AcknowledgementStore>();
        builder.Services.AddSingleton<GlueTeams.Storage.Evidence.NudgeDismissals>();
        builder.Services.AddSingleton<GlueTeams.Storage.Evidence.ArtifactReachStore>();
        var multiTenant = builder.Configuration.Read<GlueTeams.App.Tenants.TenancyOptions>(GlueTeams.App.Tenants.TenancyOptions.Section).IsMultiTenant;
        builder.Services.AddSingleton(sp => new ErasureTombstones(sp.GetRequiredService<GlueTables>(), sp.GetRequiredService<TimeProvider>(), checksTenants: multiTenant));
        builder.Services.AddSingleton<GlueTeams.App.Users.ErasureGuard>();
        builder.Services.AddSingleton<GlueTeams.App.Work.LoggedWork>();
        builder.Services.AddSingleton<GlueTeams.Storage.Suggestions.TenantModelStore>();
        builder.Services.AddSingleton<GlueTeams.App.Suggestions.TenantModels>();
        builder.Services.AddSingleton<GlueTeams.App.Users.UserErasure>();
        builder.Services.AddSingleton<GlueTeams.Storage.Subscriptions.SubscriptionStore>();
        builder.Services.AddSingleton<RetentionPurge>();
        builder.Services.AddSettings<GlueTeams.App.Retention.RetentionOptions>(GlueTeams.App.Retention.RetentionOptions.Section, (options, _) => options.Problems());
        builder.Services.AddSingleton<GlueTeams.Storage.Leases.JobLease>();
        builder.Services.AddSingleton<GlueTeams.App.Retention.RetentionRun>();
        builder.Services.AddSingleton<GlueTeams.App.Retention.RetentionJob>();
        if (builder.Configuration.Read<GlueTeams.App.Retention.RetentionOptions>(GlueTeams.App.Retention.RetentionOptions.Section).RunJob)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<GlueTeams.App.Retention.RetentionJob>());
        }
        builder.AddGlueClock();
        // Tombstones of an earlier layout are moved before the app serves, so that no erased user is missed.
        builder.Services.AddSingleton(new StorageResource("tables", async (sp, ct) =>
        {
            await sp.GetRequiredService<GlueTables>().EnsureCreatedAsync(ct);
            await sp.GetRequiredService<ErasureTombstones>().MoveLegacyAsync(ct);
        }));
        builder.Services.AddSingleton<StorageStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return builder.AddGlueTenancy(); // the tenant registry lives in storage, and every part asks it which tenants are served
    }
}

/// <summary>Ready when the tables and queues were created and the activities table answers a one-row query.</summary>
internal sealed class StorageHealthCheck(GlueTables tables, StorageStartup startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!startup.IsCreated)
        {
            return HealthCheckResult.Unhealthy("The tables and queues are not created yet: storage has not answered since the app started.");
        }
        try
        {
            await foreach (var _ in tables.Activities.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                break;
            }
            return HealthCheckResult.Healthy();
        }
        catch (Azure.RequestFailedException e)
        {
            if (DependencyFailure.IsMissingResource(e))
            {
                startup.ReportMissing();
            }
            return HealthCheckResult.Unhealthy($"Table Storage answered {e.Status}.");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy("Table Storage is unreachable: " + e.Message);
        }
    }
}
