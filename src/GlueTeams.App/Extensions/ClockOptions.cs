using GlueTeams.Core.Time;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlueTeams.App.Extensions;

/// <summary>The app's clock; configuration section "Clock".</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary>
    /// Development only: the app's "now" starts at this instant and advances in real time, so that a test run (which
    /// passes a mid-week instant) never crosses a week or day boundary. Unset, the app reads the system clock.
    /// </summary>
    public DateTimeOffset? StartAt { get; set; }

    public IEnumerable<string> Problems(bool isDevelopment) => StartAt is not null && !isDevelopment
        ? ["Clock:StartAt is allowed only in Development: everywhere else the app reads the system clock."]
        : [];
}

public static class ClockServices
{
    /// <summary>The app's one <see cref="TimeProvider"/>: the system clock, or in Development the clock Clock:StartAt starts.</summary>
    public static IHostApplicationBuilder AddGlueClock(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSettings<ClockOptions>(ClockOptions.Section, (options, isDevelopment) => options.Problems(isDevelopment));
        // Read now, not through the validated options: the host resolves its clock while it is built, before the check
        // that refuses the setting outside Development runs (Settings.Check), so the clock itself must not take it there.
        var startAt = builder.Configuration.Read<ClockOptions>(ClockOptions.Section).StartAt;
        builder.Services.TryAddSingleton(startAt is { } start && builder.Environment.IsDevelopment() ? new StartedClock(start) : TimeProvider.System);
        return builder;
    }
}
