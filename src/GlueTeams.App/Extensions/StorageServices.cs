using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Retention;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GlueTeams.App.Extensions;

public static class StorageServices
{
    /// <summary>The tables and stores, from the "Storage" section; the app refuses to start when it is not configured.</summary>
    public static IHostApplicationBuilder AddGlueStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new GlueTables(options));
        builder.Services.AddSingleton<ActivityStore>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<SyncStateStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<ClaimStore>();
        builder.Services.AddSingleton<CardScheduleStore>();
        builder.Services.AddSingleton<UserDataEraser>();
        builder.Services.AddSingleton<ErasureTombstones>();
        builder.Services.AddSingleton<GlueTeams.App.Users.ErasureGuard>();
        builder.Services.AddSingleton<GlueTeams.App.Users.UserErasure>();
        builder.Services.AddSingleton<GlueTeams.Storage.Subscriptions.SubscriptionStore>();
        builder.Services.AddSingleton<RetentionPurge>();
        var retention = GlueTeams.App.Retention.RetentionOptions.From(builder.Configuration);
        builder.Services.AddSingleton(retention);
        builder.Services.AddSingleton<GlueTeams.Storage.Leases.JobLease>();
        builder.Services.AddSingleton<GlueTeams.App.Retention.RetentionRun>();
        builder.Services.AddSingleton<GlueTeams.App.Retention.RetentionJob>();
        if (retention.RunJob)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<GlueTeams.App.Retention.RetentionJob>());
        }
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Ready when the activities table answers a one-row query.</summary>
internal sealed class StorageHealthCheck(GlueTables tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
            return HealthCheckResult.Unhealthy($"Table Storage answered {e.Status}.");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy("Table Storage is unreachable: " + e.Message);
        }
    }
}
