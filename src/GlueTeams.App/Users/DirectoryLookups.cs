using GlueTeams.App.Extensions;
using GlueTeams.App.Tenants;
using GlueTeams.Graph.Directory;
using Microsoft.Extensions.Caching.Memory;

namespace GlueTeams.App.Users;

/// <summary>
/// What the tab API asks the directory about a person besides direct reports: their display name (for "Who viewed my
/// data") and their mailbox time zone (for "this week" of someone without a profile). Cached, read with the person's
/// own tenant's Graph (none for a tenant this deployment does not read), and never a reason to fail a request: when Graph cannot say within
/// <see cref="WaitOptions.Directory"/>, the answer is null and the caller falls back.
/// </summary>
public sealed partial class DirectoryLookups(IMemoryCache cache, ILogger<DirectoryLookups> logger, TenantAccess tenants, WaitOptions waits)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);
    /// <summary>How long a failed lookup is remembered, so that an outage does not make every request wait again.</summary>
    public static readonly TimeSpan FailureCacheFor = TimeSpan.FromMinutes(1);

    /// <summary>The person's display name in the directory, or null (unknown, another tenant, Graph unreachable).</summary>
    public Task<string?> DisplayNameAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        LookUpAsync("display-name", tenantId, userId, async (reader, ct) => (await reader.GetPersonAsync(userId, ct))?.DisplayName is { Length: > 0 } name ? name : null, cancellationToken);

    /// <summary>The mailbox's time zone, or null (unset, another tenant, Graph unreachable).</summary>
    public Task<TimeZoneInfo?> TimeZoneAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        LookUpAsync("time-zone", tenantId, userId, async (reader, ct) => (TimeZoneInfo?)await reader.GetTimeZoneAsync(userId, ct), cancellationToken);

    /// <summary>
    /// The team of each colleague (<see cref="DirectoryReader.GetTeamAsync"/>), as far as the directory can say within
    /// <see cref="WaitOptions.Directory"/> in all: people whose team is unknown are left out, so "teams" counts only known ones.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> TeamsAsync(string tenantId, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var teams = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(waits.Directory);
        try
        {
            await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = TeamsParallelism, CancellationToken = deadline.Token }, async (address, ct) =>
            {
                if (await LookUpAsync("team", tenantId, address, async (reader, c) => await reader.GetTeamAsync(address, c), ct) is { } team)
                {
                    teams[address] = team;
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(logger, "teams", $"no answer for all {addresses.Count} within {waits.Directory.TotalSeconds} s");
        }
        return teams;
    }

    /// <summary>How many colleagues' teams are asked at once.</summary>
    private const int TeamsParallelism = 8;

    private async Task<T?> LookUpAsync<T>(string what, string tenantId, string userId, Func<DirectoryReader, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        if (await tenants.GraphAsync(tenantId, cancellationToken) is not { Directory: var directory })
        {
            return null;
        }
        var key = (what, tenantId, userId);
        if (cache.TryGetValue(key, out Lookup<T>? cached) && cached is not null)
        {
            return cached.Value;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(waits.Directory);
        try
        {
            var value = await read(directory, timeout.Token);
            cache.Set(key, new Lookup<T>(value), CacheFor);
            return value;
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Kiota.Abstractions.ApiException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(logger, what, e.GetType().Name);
            cache.Set(key, new Lookup<T>(null), FailureCacheFor);
            return null;
        }
    }

    private sealed record Lookup<T>(T? Value) where T : class;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a person's {What} from the directory failed ({Exception}); the answer falls back.")]
    private static partial void LogLookupFailed(ILogger logger, string what, string exception);
}
