using System.Collections.Concurrent;

namespace GlueTeams.Teams.Connector;

/// <summary>
/// Paces requests to the Bot Connector to Teams' limits: per tenant at most <see cref="TenantRate"/> requests/s (this
/// instance's share of the 50/s all instances share), and per conversation at most 7/s. Every request on the wire takes
/// a slot, the resilience pipeline's retries included (<see cref="SendRateLimitHandler"/> sits inside it).
/// </summary>
/// <remarks>
/// Teams counts in windows of a second whose start we do not know (the connector simulator: each whole second of its
/// clock), and a request refused for the rate still counts in its window. So the tenant pace holds in every window of
/// <see cref="Window"/> (1 s + <see cref="Margin"/>) wherever it starts: requests are planned <see cref="Spacing"/>
/// apart, and one goes only if fewer than the share went in the window before it, counted when they in fact went (a
/// send that woke late on a busy machine, or after a pause, waits rather than going in a bunch with the next ones).
/// The margin absorbs the jitter between going and arriving. With every instance within its share, the instances
/// together stay within the tenant's 50/s.
/// </remarks>
public sealed class SendRateLimiter(TimeProvider time)
{
    /// <summary>Teams' limit per app and tenant, shared by every instance.</summary>
    public const double TeamsTenantRate = 50;
    /// <summary>Teams' limit per conversation.</summary>
    public const double ConversationRate = 7;
    /// <summary>How much the time from going to arriving may vary between requests without the pace breaking the limit.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(10);
    /// <summary>The window the pace is counted in: a second and the margin.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + Margin;

    private readonly ConcurrentDictionary<string, Pace> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pace> _conversations = new(StringComparer.Ordinal);
    private double _tenantRate = TeamsTenantRate;

    /// <summary>This instance's share of the tenant rate: 50/s divided by the live instances.</summary>
    public double TenantRate => Volatile.Read(ref _tenantRate);

    public void ShareWith(int liveInstances) => Volatile.Write(ref _tenantRate, TeamsTenantRate / Math.Max(1, liveInstances));

    /// <summary>How many requests at <paramref name="rate"/> per second may go in one <see cref="Window"/>: the whole ones of a second's.</summary>
    public static int PerWindow(double rate) => Math.Max(1, (int)Math.Floor(rate));

    /// <summary>The time between two planned requests at <paramref name="rate"/> per second: the window shared by <see cref="PerWindow"/>, rounded up to a tick.</summary>
    public static TimeSpan Spacing(double rate) => TimeSpan.FromTicks((long)Math.Ceiling((double)Window.Ticks / PerWindow(rate)));

    /// <summary>Waits until this request may go; returns when it went.</summary>
    public async Task<DateTimeOffset> WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        (await TryWaitAsync(tenantId, conversationId, TimeSpan.MaxValue, cancellationToken))!.Value;

    /// <summary>
    /// Waits for this request's slot if it comes within <paramref name="longest"/> and returns when it went; otherwise
    /// takes no slot and returns null at once (a typing indicator that would come late is not worth a slot).
    /// </summary>
    public async Task<DateTimeOffset?> TryWaitAsync(string tenantId, string conversationId, TimeSpan longest, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = longest == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + longest;
        var tenant = _tenants.GetOrAdd(tenantId, _ => new Pace());
        var rate = TenantRate;
        if (tenant.TryNext(now, Spacing(rate), latest) is not { } tenantSlot)
        {
            return null;
        }
        if (_conversations.GetOrAdd(conversationId, _ => new Pace()).TryNext(now, Spacing(ConversationRate), latest) is not { } conversationSlot)
        {
            return null; // the tenant slot taken above goes unused: at most one in a tenant's 50 a second
        }
        var goAt = tenantSlot > conversationSlot ? tenantSlot : conversationSlot;
        while (true)
        {
            var wait = goAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // timers count whole milliseconds: a shorter wait would end at once and come back here
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, cancellationToken);
            }
            if (tenant.TryGo(time.GetUtcNow(), PerWindow(rate), out goAt))
            {
                break;
            }
        }
        if (_conversations.Count > 100_000)
        {
            _conversations.Clear(); // a weekly fan-out touches each conversation once: forget old ones
        }
        return goAt;
    }

    /// <summary>One key's pace: the next free slot to plan, and when the last requests in fact went.</summary>
    private sealed class Pace
    {
        private readonly Lock _lock = new();
        private readonly Queue<DateTimeOffset> _went = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        /// <summary>Takes the next free slot, at least <paramref name="spacing"/> after the one before, never in the past; null (nothing taken) when later than <paramref name="latest"/>.</summary>
        public DateTimeOffset? TryNext(DateTimeOffset now, TimeSpan spacing, DateTimeOffset latest)
        {
            lock (_lock)
            {
                var slot = _next > now ? _next : now;
                if (slot > latest)
                {
                    return null;
                }
                _next = slot + spacing;
                return slot;
            }
        }

        /// <summary>
        /// Lets a request go at <paramref name="now"/> (true, and <paramref name="at"/> is now) if fewer than
        /// <paramref name="perWindow"/> went in the <see cref="Window"/> before it; otherwise <paramref name="at"/> is when it may.
        /// </summary>
        public bool TryGo(DateTimeOffset now, int perWindow, out DateTimeOffset at)
        {
            lock (_lock)
            {
                while (_went.Count > perWindow)
                {
                    _went.Dequeue(); // the share shrank: only the last perWindow count
                }
                if (_went.Count == perWindow && _went.Peek() + Window > now)
                {
                    at = _went.Peek() + Window;
                    return false;
                }
                _went.Enqueue(now);
                if (_went.Count > perWindow)
                {
                    _went.Dequeue();
                }
                at = now;
                return true;
            }
        }
    }
}
