using System.Diagnostics;
using System.Globalization;
using System.Text;
using GlueTeams.Simulator.Connector;
using GlueTeams.Teams.Connector;
using GlueTeams.Testing;

namespace GlueTeams.Bench;

/// <summary>
/// Samples once a second during the fan-out what could stall the senders: each instance's share of the tenant rate,
/// this process's GC pauses and thread pool, storage requests ended and their latency, Azurite's CPU and memory, and
/// the cards delivered. Lined up with the dips in the cards per 10 s, it says which of them moves with the dips.
/// </summary>
internal sealed class FanOutSampler(SimulatedConnector connector, StorageCounter storage, IReadOnlyList<SendRateLimiter> limiters, DateTimeOffset due) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _rows = [];
    private Task? _running;

    public const string Header = "s\tcards\tshares\tgcPauseMs\tgen0\tgen1\tgen2\theapMB\tpoolPending\tpoolThreads\tstorageReqs\tstorageMeanMs\tstorageMaxMs\tazuriteCpuMs\tazuriteRssMB";

    public void Start() => _running = Task.Factory.StartNew(RunAsync, TaskCreationOptions.LongRunning).Unwrap();

    private async Task RunAsync()
    {
        var azurite = AzuritePid();
        var pause = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var cpu = CpuMs(azurite);
        var delivered = 0;
        storage.TakeWindow();
        while (!_stop.IsCancellationRequested)
        {
            // a thread of its own, sleeping: a starved thread pool cannot delay the samples
            Thread.Sleep(1000);
            var now = TestClock.Shared.GetUtcNow();
            var cards = connector.Received.Count(r => r.IsDeliveredMessage);
            var (requests, mean, max) = storage.TakeWindow();
            var newPause = GC.GetTotalPauseDuration();
            var newCpu = CpuMs(azurite);
            _rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(now - due).TotalSeconds:F0}\t{cards - delivered}\t{string.Join('/', limiters.Select(l => l.TenantRate.ToString("F0", CultureInfo.InvariantCulture)))}\t{(newPause - pause).TotalMilliseconds:F0}\t{GC.CollectionCount(0) - gen0}\t{GC.CollectionCount(1) - gen1}\t{GC.CollectionCount(2) - gen2}\t{GC.GetTotalMemory(false) >> 20}\t{ThreadPool.PendingWorkItemCount}\t{ThreadPool.ThreadCount}\t{requests}\t{mean:F0}\t{max:F0}\t{newCpu - cpu:F0}\t{RssMb(azurite)}"));
            delivered = cards;
            pause = newPause;
            gen0 = GC.CollectionCount(0);
            gen1 = GC.CollectionCount(1);
            gen2 = GC.CollectionCount(2);
            cpu = newCpu;
        }
        await Task.CompletedTask;
    }

    public string Text()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in _rows)
        {
            text.Append(row).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Stops sampling (the samples stay readable); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_running is not { } running)
        {
            return;
        }
        _running = null;
        await _stop.CancelAsync();
        await running;
        _stop.Dispose();
    }

    /// <summary>The Azurite this run uses (./glue's, on GLUE_AZURITE_TABLE's port, or a child of this process), or 0.</summary>
    private static int AzuritePid()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var port = Environment.GetEnvironmentVariable("GLUE_AZURITE_TABLE") is { } table ? new Uri(table).Port.ToString(CultureInfo.InvariantCulture) : null;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (command.Contains("azurite", StringComparison.Ordinal)
                    && (port is null ? fields[1] == self : command.Contains("--tablePort\0" + port + "\0", StringComparison.Ordinal)))
                {
                    return int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
            }
        }
        return 0;
    }

    /// <summary>User + system CPU of the process in ms (clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long RssMb(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) >> 10;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
