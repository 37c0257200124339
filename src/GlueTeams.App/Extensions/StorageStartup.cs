using GlueTeams.Storage;

namespace GlueTeams.App.Extensions;

/// <summary>Something in storage the app needs before it serves: the tables, or one queue (registered where it is added).</summary>
public sealed record StorageResource(string Name, Func<IServiceProvider, CancellationToken, Task> CreateAsync);

/// <summary>
/// Creates the tables and queues. One try at start; when storage is unreachable the app starts anyway, /readyz says
/// it is not ready, and this keeps trying with growing waits until storage answers, so no restart is needed.
/// </summary>
public sealed partial class StorageStartup(IServiceProvider services, IEnumerable<StorageResource> resources, TimeProvider time, ILogger<StorageStartup> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _missing = new(0, 1);
    private volatile bool _created;

    /// <summary>True once every table and queue exists (and none was found missing since).</summary>
    public bool IsCreated => _created;

    /// <summary>Creates every resource; throws when storage does not answer.</summary>
    public async Task CreateAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var resource in resources)
        {
            await resource.CreateAsync(services, cancellationToken);
        }
        _created = true;
        LogCreated(logger);
    }

    /// <summary>
    /// Storage answered that a table or queue does not exist (an emulator restarted empty, a table deleted by hand):
    /// not ready until they are created again.
    /// </summary>
    public void ReportMissing()
    {
        if (_created)
        {
            _created = false;
            LogMissing(logger);
            try
            {
                _missing.Release();
            }
            catch (SemaphoreFullException)
            {
                // already reported
            }
        }
    }

    /// <summary>One try before the app serves, so that a healthy start is ready at once; the rest in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryCreateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = FirstRetryDelay;
                while (!_created)
                {
                    await Task.Delay(delay, time, stoppingToken);
                    delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                    await TryCreateAsync(stoppingToken);
                }
                await _missing.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the app is stopping
        }
    }

    public override void Dispose()
    {
        _missing.Dispose();
        base.Dispose();
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateAllAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (DependencyFailure.IsStorage(e))
        {
            LogNotCreated(logger, e.GetType().Name, MaxRetryDelay.TotalSeconds);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage tables and queues exist; the app is ready.")]
    private static partial void LogCreated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage says a table or queue does not exist: creating them again; /readyz reports not ready until then.")]
    private static partial void LogMissing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage is unreachable ({Exception}): tables and queues are not created yet. /readyz reports not ready; retrying (at most every {Seconds} s).")]
    private static partial void LogNotCreated(ILogger logger, string exception, double seconds);
}
