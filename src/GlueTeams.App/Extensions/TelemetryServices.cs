using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Metrics;

namespace GlueTeams.App.Extensions;

/// <summary>GlueTeams' own metrics: what the sync did. Counts only, never names, titles or ids.</summary>
public static class GlueMetrics
{
    public const string MeterName = "GlueTeams";
    private static readonly Meter s_meter = new(MeterName);

    public static readonly Counter<long> UsersSynced = s_meter.CreateCounter<long>("glueteams.sync.users", description: "Users whose week was synced");
    public static readonly Counter<long> UsersFailed = s_meter.CreateCounter<long>("glueteams.sync.failures", description: "User syncs that failed and will be retried");
}

public static class TelemetryServices
{
    /// <summary>
    /// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, and <see cref="GlueMetrics"/>), exported to Application
    /// Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set, as App Service sets it from the Bicep outputs.
    /// </summary>
    public static IHostApplicationBuilder AddGlueTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .UseAzureMonitor()
            .WithMetrics(metrics => metrics.AddMeter(GlueMetrics.MeterName));
        return builder;
    }
}
