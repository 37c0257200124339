using GlueTeams.Storage.Leases;

namespace GlueTeams.App.Extensions;

/// <summary>
/// A background job that runs every <see cref="Every"/> on one instance at a time. Every instance polls hourly; the lease
/// row (<see cref="JobLease"/>) lets one of them in, and its last-run time makes the job run at its period, not hourly.
/// A failed run is logged and retried at the next poll; it never ends the host.
/// </summary>
public abstract partial class LeasedJob(JobLease leases, TimeProvider time, ILogger logger, string leaseName, TimeSpan every) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan LeaseFor = TimeSpan.FromHours(2);
    private readonly string _holder = Environment.MachineName + "/" + Guid.NewGuid().ToString("N");

    public TimeSpan Every => every;

    /// <summary>The job's work, run when due under the lease.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Runs the job if it is due and this instance gets the lease; true when it ran.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancellationToken)
    {
        if (await leases.TryTakeAsync(leaseName, _holder, LeaseFor, cancellationToken) is not { } lease)
        {
            return false;
        }
        var started = time.GetUtcNow();
        if (lease.LastRun is { } last && started - last < every - TimeSpan.FromMinutes(30))
        {
            await leases.ReleaseAsync(lease, null, cancellationToken);
            return false;
        }
        await RunAsync(cancellationToken);
        await leases.ReleaseAsync(lease, started, cancellationToken);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first poll comes one interval after start: a starting instance serves first, and the lease row remembers
        // the last run across restarts.
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, leaseName, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Job} job failed; it is tried again at the next poll.")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
