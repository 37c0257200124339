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
    public async Task WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenantSlot = _tenants.GetOrAdd(tenantId, _ => new Pace()).Next(now, TenantRate);
        var conversationSlot = _conversations.GetOrAdd(conversationId, _ => new Pace()).Next(now, ConversationRate);
        var wait = (tenantSlot > conversationSlot ? tenantSlot : conversationSlot) - now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        if (_conversations.Count > 100_000)
        {
            _conversations.Clear(); // a weekly fan-out touches each conversation once: forget old ones
        }
    }

    /// <summary>The next free slot of one key: at least 1/rate after the previous one, never in the past.</summary>
    private sealed class Pace
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public DateTimeOffset Next(DateTimeOffset now, double rate)
        {
            lock (_lock)
            {
                var slot = _next > now ? _next : now;
                _next = slot + TimeSpan.FromSeconds(1 / rate);
                return slot;
            }
        }
    }
}
