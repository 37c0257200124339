using System.Diagnostics;
using System.Globalization;
using GlueTeams.App.Sync;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Cli;

/// <summary>
/// <c>sync --week 2026-W47 [--users a,b] [--tenant ID]</c>: queues one work item per user and works the queue in this
/// process (other running instances may take items too), with a progress bar on stderr and a summary on stdout.
/// Exit code 1 when any user failed (listed with the reason), 2 on a usage error.
/// </summary>
public static class SyncCommand
{
    public const string Usage = "usage: sync --week YYYY-Www [--users ID_OR_UPN,...] [--tenant TENANT_ID]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!TryParse(args, out var week, out var userFilter, out var tenantArgument, out var problem))
        {
            await errors.WriteLineAsync(problem + "\n" + Usage);
            return 2;
        }
        var worker = services.GetService<SyncWorker>();
        if (worker is null)
        {
            await errors.WriteLineAsync("Graph is off: set Graph:Enabled to true with a credential (see README).");
            return 2;
        }
        var tenant = tenantArgument ?? services.GetRequiredService<GraphOptions>().TenantId;
        if (string.IsNullOrEmpty(tenant))
        {
            await errors.WriteLineAsync("Which tenant? Pass --tenant or set Graph:TenantId.\n" + Usage);
            return 2;
        }
        var userStore = services.GetRequiredService<UserStore>();
        var (users, unknown) = await SelectUsersAsync(userStore, tenant, userFilter, cancellationToken);
        var failures = unknown.ToDictionary(u => u, _ => "no such user in this tenant (not installed?)", StringComparer.Ordinal);
        var queue = services.GetRequiredService<WorkQueue<SyncWorkItem>>();
        await queue.EnsureCreatedAsync(cancellationToken);
        foreach (var user in users)
        {
            await queue.EnqueueAsync(new SyncWorkItem(tenant, user.UserId, week.ToString()), cancellationToken);
        }

        var counters = services.GetRequiredService<GraphCounters>();
        var (requestsAtStart, throttledAtStart) = (counters.RequestsSent, counters.ThrottledRetries);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = 0;
        var wanted = users.Select(u => u.UserId).ToHashSet(StringComparer.Ordinal);
        worker.UserFinished += result =>
        {
            if (!wanted.Contains(result.UserId) || done.Contains(result.UserId))
            {
                return;
            }
            if (result.Succeeded)
            {
                done.Add(result.UserId);
                failures.Remove(result.UserId);
                records += result.Records;
            }
            else if ((attempts[result.UserId] = attempts.GetValueOrDefault(result.UserId) + 1) >= WorkQueue<SyncWorkItem>.MaxDequeueCount)
            {
                done.Add(result.UserId);
                failures[result.UserId] = result.Error ?? "failed";
            }
            else
            {
                failures[result.UserId] = result.Error ?? "failed";
            }
        };

        var stopwatch = Stopwatch.StartNew();
        var syncStates = services.GetRequiredService<SyncStateStore>();
        var started = DateTimeOffset.UtcNow;
        while (done.Count < users.Count)
        {
            if (await worker.RunOnceAsync(cancellationToken) == 0)
            {
                // Another instance may hold the rest: count what it finished, then wait a little.
                foreach (var user in users.Where(u => !done.Contains(u.UserId)))
                {
                    if ((await syncStates.GetAsync(tenant, user.UserId, week, cancellationToken))?.LastSyncedAt >= started)
                    {
                        done.Add(user.UserId);
                        failures.Remove(user.UserId);
                    }
                }
                await Task.Delay(500, cancellationToken);
            }
            await errors.WriteAsync(Progress(done.Count, users.Count, counters.RequestsSent - requestsAtStart, counters.ThrottledRetries - throttledAtStart));
        }
        await errors.WriteLineAsync();

        var requests = counters.RequestsSent - requestsAtStart;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Synced {users.Count - failures.Count(f => wanted.Contains(f.Key))} of {users.Count} users for {week} in {stopwatch.Elapsed.TotalSeconds:F1} s: {records} records, " +
            $"{requests} Graph requests ({(users.Count == 0 ? 0 : (double)requests / users.Count):F2} per user), {counters.ThrottledRetries - throttledAtStart} throttled retries."));
        foreach (var (user, reason) in failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  failed: {user}: {reason}");
        }
        return failures.Count == 0 ? 0 : 1;
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

    private static bool TryParse(string[] args, out IsoWeek week, out IReadOnlyList<string>? users, out string? tenant, out string problem)
    {
        (week, users, tenant, problem) = (default, null, null, "");
        var weekSeen = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--week" when IsoWeek.TryParse(value, out week):
                    weekSeen = true;
                    i++;
                    break;
                case "--week":
                    problem = $"--week needs an ISO week such as 2026-W47, not '{value}'.";
                    return false;
                case "--users" when !string.IsNullOrWhiteSpace(value):
                    users = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    i++;
                    break;
                case "--tenant" when !string.IsNullOrWhiteSpace(value):
                    tenant = value;
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
