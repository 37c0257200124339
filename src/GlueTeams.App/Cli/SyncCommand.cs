using System.Globalization;
using GlueTeams.App.Sync;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Cli;

/// <summary>What <c>sync</c> was asked for: the week, the users (ids or UPNs; all opted-in users when null), the tenant.</summary>
public sealed record SyncRequest(IsoWeek Week, IReadOnlyList<string>? Users, string? Tenant);

/// <summary>
/// <c>sync --week 2026-W47 [--users a,b] [--tenant ID]</c>: queues one work item per user and works the queue in this
/// process (other running instances may take items too), with a progress bar on stderr and a summary on stdout.
/// Exit code 1 when any user failed (listed with the reason), 2 on a usage error. It always ends: an item that another
/// instance took and never finished (poisoned, or removed because the user left) is listed as failed once the queue holds
/// nothing more, or once nothing moved for <see cref="Patience"/>.
/// </summary>
public sealed class SyncCommand(SyncWorker worker, WorkQueue<SyncWorkItem> queue, UserStore users, SyncStateStore syncStates, GraphOptions graph,
    GraphCounters counters, TimeProvider time)
{
    public const string Usage = "usage: sync --week YYYY-Www [--users ID_OR_UPN,...] [--tenant TENANT_ID]";
    public const string NotFinishedElsewhere = "taken by another instance and not finished (poisoned, or removed)";

    /// <summary>How long the command waits for work it cannot see (items another instance holds) to move before giving up on it.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The pause between two looks at a queue that had nothing for this process.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The entry from the command line: arguments checked first, then the command built from the app's services.</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!TryParse(args, out var request, out var problem))
        {
            await errors.WriteLineAsync(problem + "\n" + Usage);
            return 2;
        }
        if (services.GetService<SyncWorker>() is null)
        {
            await errors.WriteLineAsync("Graph is off: set Graph:Enabled to true with a credential (see README).");
            return 2;
        }
        return await ActivatorUtilities.CreateInstance<SyncCommand>(services).RunAsync(request, output, errors, cancellationToken);
    }

    public async Task<int> RunAsync(SyncRequest request, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var tenant = request.Tenant ?? graph.TenantId;
        if (string.IsNullOrEmpty(tenant))
        {
            await errors.WriteLineAsync("Which tenant? Pass --tenant or set Graph:TenantId.\n" + Usage);
            return 2;
        }
        var (selected, unknown) = await SelectUsersAsync(users, tenant, request.Users, cancellationToken);
        var progress = new SyncProgress(selected.Select(u => u.UserId), unknown);
        await QueueAsync(tenant, selected, request.Week, cancellationToken);
        var (requestsAtStart, throttledAtStart) = (counters.RequestsSent, counters.ThrottledRetries);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        worker.UserFinished += progress.Record;
        try
        {
            await WorkUntilDoneAsync(tenant, request.Week, progress, errors, requestsAtStart, throttledAtStart, cancellationToken);
        }
        finally
        {
            worker.UserFinished -= progress.Record;
        }
        await errors.WriteLineAsync();
        await WriteSummaryAsync(output, request.Week, progress, stopwatch.Elapsed, counters.RequestsSent - requestsAtStart, counters.ThrottledRetries - throttledAtStart);
        return progress.FailureCount == 0 ? 0 : 1;
    }

    private async Task QueueAsync(string tenant, IEnumerable<UserProfile> selected, IsoWeek week, CancellationToken cancellationToken)
    {
        await queue.EnsureCreatedAsync(cancellationToken);
        foreach (var user in selected)
        {
            await queue.EnqueueAsync(new SyncWorkItem(tenant, user.UserId, week.ToString()), cancellationToken);
        }
    }

    /// <summary>Works the queue until every wanted user is done, or what is left can no longer finish.</summary>
    private async Task WorkUntilDoneAsync(string tenant, IsoWeek week, SyncProgress progress, TextWriter errors, long requestsAtStart, long throttledAtStart,
        CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var (lastMove, doneAtLastMove) = (started, 0);
        while (!progress.IsComplete)
        {
            if (await worker.RunOnceAsync(cancellationToken) == 0)
            {
                await CountFinishedElsewhereAsync(tenant, week, started, progress, cancellationToken);
                if (!progress.IsComplete && (await queue.ApproximateCountAsync(cancellationToken) == 0 || time.GetUtcNow() - lastMove > Patience))
                {
                    progress.GiveUpOnTheRest(NotFinishedElsewhere);
                    break;
                }
                await Task.Delay(IdleWait, time, cancellationToken);
            }
            if (progress.Done > doneAtLastMove)
            {
                (lastMove, doneAtLastMove) = (time.GetUtcNow(), progress.Done);
            }
            await errors.WriteAsync(Progress(progress.Done, progress.Total, counters.RequestsSent - requestsAtStart, counters.ThrottledRetries - throttledAtStart));
        }
    }

    /// <summary>Another instance may have synced some of the users: their week's sync state says so.</summary>
    private async Task CountFinishedElsewhereAsync(string tenant, IsoWeek week, DateTimeOffset started, SyncProgress progress, CancellationToken cancellationToken)
    {
        foreach (var userId in progress.Pending)
        {
            if ((await syncStates.GetAsync(tenant, userId, week, cancellationToken))?.LastSyncedAt >= started)
            {
                progress.FinishedElsewhere(userId);
            }
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, IsoWeek week, SyncProgress progress, TimeSpan elapsed, long requests, long throttled)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Synced {progress.Succeeded} of {progress.Total} users for {week} in {elapsed.TotalSeconds:F1} s: {progress.Records} records, " +
            $"{requests} Graph requests ({(progress.Total == 0 ? 0 : (double)requests / progress.Total):F2} per user), {throttled} throttled retries."));
        foreach (var (user, reason) in progress.FailuresInOrder)
        {
            await output.WriteLineAsync($"  failed: {user}: {reason}");
        }
    }

    /// <summary>Which wanted users are done (synced, or failed for good) and why the failed ones failed.</summary>
    private sealed class SyncProgress
    {
        private readonly HashSet<string> _wanted;
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _failures;

        public SyncProgress(IEnumerable<string> wanted, IEnumerable<string> unknown)
        {
            _wanted = wanted.ToHashSet(StringComparer.Ordinal);
            _failures = unknown.ToDictionary(u => u, _ => "no such user in this tenant (not installed?)", StringComparer.Ordinal);
        }

        public int Total => _wanted.Count;
        public int Done => _done.Count;
        public int Records { get; private set; }
        public bool IsComplete => _done.Count >= _wanted.Count;
        public int Succeeded => _wanted.Count - _failures.Keys.Count(_wanted.Contains);
        public int FailureCount => _failures.Count;
        public IEnumerable<(string User, string Reason)> FailuresInOrder => _failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value));
        public IReadOnlyList<string> Pending => [.. _wanted.Where(u => !_done.Contains(u))];

        public void Record(UserSyncResult result)
        {
            if (!_wanted.Contains(result.UserId) || _done.Contains(result.UserId))
            {
                return;
            }
            if (result.Succeeded)
            {
                FinishedElsewhere(result.UserId);
                Records += result.Records;
                return;
            }
            _failures[result.UserId] = result.Error ?? "failed";
            if ((_attempts[result.UserId] = _attempts.GetValueOrDefault(result.UserId) + 1) >= WorkQueue<SyncWorkItem>.MaxDequeueCount)
            {
                _done.Add(result.UserId);
            }
        }

        public void FinishedElsewhere(string userId)
        {
            _done.Add(userId);
            _failures.Remove(userId);
        }

        public void GiveUpOnTheRest(string reason)
        {
            foreach (var userId in Pending)
            {
                _done.Add(userId);
                _failures[userId] = reason;
            }
        }
    }

    private static async Task<(List<UserProfile> Users, List<string> Unknown)> SelectUsersAsync(UserStore store, string tenant, IReadOnlyList<string>? filter, CancellationToken cancellationToken)
    {
        var all = new List<UserProfile>();
        await foreach (var user in store.ListAsync(tenant, cancellationToken))
        {
            all.Add(user);
        }
        if (filter is null)
        {
            return (all.Where(u => u.OptedIn && u.Installed).ToList(), []);
        }
        var chosen = new List<UserProfile>();
        var unknown = new List<string>();
        foreach (var wanted in filter)
        {
            var match = all.FirstOrDefault(u => u.UserId == wanted || string.Equals(u.UserPrincipalName, wanted, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                unknown.Add(wanted);
            }
            else if (!chosen.Contains(match))
            {
                chosen.Add(match);
            }
        }
        return (chosen, unknown);
    }

    private static string Progress(int done, int total, long requests, long throttled)
    {
        const int Width = 30;
        var filled = total == 0 ? Width : done * Width / total;
        return string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} users · {requests} Graph requests · {throttled} throttled retries");
    }

    private static bool TryParse(string[] args, out SyncRequest request, out string problem)
    {
        request = new SyncRequest(default, null, null);
        var weekSeen = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--week" when IsoWeek.TryParse(value, out var week):
                    request = request with { Week = week };
                    weekSeen = true;
                    i++;
                    break;
                case "--week":
                    problem = $"--week needs an ISO week such as 2026-W47, not '{value}'.";
                    return false;
                case "--users" when !string.IsNullOrWhiteSpace(value):
                    request = request with { Users = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                case "--tenant" when !string.IsNullOrWhiteSpace(value):
                    request = request with { Tenant = value };
                    i++;
                    break;
                default:
                    problem = $"Unexpected argument '{args[i]}'.";
                    return false;
            }
        }
        problem = weekSeen ? "" : "--week is required.";
        return weekSeen;
    }
}
