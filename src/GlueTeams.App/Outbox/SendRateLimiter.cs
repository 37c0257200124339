using System.Collections.Concurrent;

namespace GlueTeams.App.Outbox;

/// <summary>
/// Paces sends to Teams' limits: per tenant at most <see cref="TenantRate"/> requests/s (this instance's share of the
/// 50/s all instances share), and per conversation at most 7/s. Each caller gets the next free slot and waits for it,
/// so sends are spread evenly instead of bursting into 429s.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time)
{
    /// <summary>Teams' limit per app and tenant, shared by every instance.</summary>
    public const double TeamsTenantRate = 50;
    /// <summary>Teams' limit per conversation.</summary>
    public const double ConversationRate = 7;

    private readonly ConcurrentDictionary<string, Pace> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pace> _conversations = new(StringComparer.Ordinal);
    private double _tenantRate = TeamsTenantRate;

    /// <summary>This instance's share of the tenant rate: 50/s divided by the live instances.</summary>
    public double TenantRate => Volatile.Read(ref _tenantRate);

    public void ShareWith(int liveInstances) => Volatile.Write(ref _tenantRate, TeamsTenantRate / Math.Max(1, liveInstances));

    /// <summary>Waits until this send may go.</summary>
    public async Task WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        await TryWaitAsync(tenantId, conversationId, TimeSpan.MaxValue, cancellationToken);

    /// <summary>
    /// Waits for this send's slot if it comes within <paramref name="longest"/>; otherwise takes no slot and returns
    /// false at once (a typing indicator that would come late is not worth a slot).
    /// </summary>
    public async Task<bool> TryWaitAsync(string tenantId, string conversationId, TimeSpan longest, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = longest == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + longest;
        if (_tenants.GetOrAdd(tenantId, _ => new Pace()).TryNext(now, TenantRate, latest) is not { } tenantSlot)
        {
            return false;
        }
        if (_conversations.GetOrAdd(conversationId, _ => new Pace()).TryNext(now, ConversationRate, latest) is not { } conversationSlot)
        {
            return false; // the tenant slot taken above goes unused: at most one in a tenant's 50 a second
        }
        var wait = (tenantSlot > conversationSlot ? tenantSlot : conversationSlot) - now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        if (_conversations.Count > 100_000)
        {
            _conversations.Clear(); // a weekly fan-out touches each conversation once: forget old ones
        }
        return true;
    }

    /// <summary>The next free slot of one key: at least 1/rate after the previous one, never in the past.</summary>
    private sealed class Pace
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        /// <summary>Takes the next free slot, unless it is later than <paramref name="latest"/> (then null, and nothing is taken).</summary>
        public DateTimeOffset? TryNext(DateTimeOffset now, double rate, DateTimeOffset latest)
        {
            lock (_lock)
            {
                var slot = _next > now ? _next : now;
                if (slot > latest)
                {
                    return null;
                }
                _next = slot + TimeSpan.FromSeconds(1 / rate);
                return slot;
            }
        }
    }
}
