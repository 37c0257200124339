using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GlueTeams.Simulator.Connector;

/// <summary>One request the simulated Bot Connector received, and what it answered.</summary>
/// <param name="ActivityType">message, typing…; null for a conversation create.</param>
public sealed record ConnectorRequest(string Method, string Path, string? ConversationId, string? ActivityType, string? ReplyToId, string Body, int Status, DateTimeOffset At)
{
    /// <summary>Whether this request delivered a message to the user (accepted, not a typing indicator).</summary>
    public bool IsDeliveredMessage => Status is >= 200 and < 300 && ActivityType == "message";
}

/// <summary>
/// The state and fault knobs of a simulated Bot Connector (Teams' /v3/conversations API), changed at runtime by tests
/// and the benchmark, and what it received, so that a test can count cards per conversation. Like Teams it enforces a
/// send rate per tenant (50 requests/s), answering 429 with Retry-After above it.
/// </summary>
public sealed class SimulatedConnector
{
    private readonly ConcurrentQueue<ConnectorRequest> _received = new();
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tenantOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _rates = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly TimeProvider _time;
    private int _nextId;
    private long _throttled;
    private long _rateLimited;

    public SimulatedConnector(int seed = 42, TimeProvider? time = null) => (_random, _time) = (new Random(seed), time ?? TimeProvider.System);

    /// <summary>Added to every answer.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>Share of requests answered 429 with <see cref="RetryAfterSeconds"/>, 0 to 1.</summary>
    public double ThrottleShare { get; set; }
    /// <summary>Share of requests answered 503 with <see cref="RetryAfterSeconds"/>, 0 to 1.</summary>
    public double UnavailableShare { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>Requests never answered (until the client gives up).</summary>
    public bool Hang { get; set; }
    /// <summary>Requests per second per tenant above which Teams answers 429; 0 for no limit.</summary>
    public int TenantRateLimit { get; set; } = 50;

    /// <summary>Every request, in the order received.</summary>
    public IReadOnlyCollection<ConnectorRequest> Received => _received;
    /// <summary>Answers 429 so far, from the throttle share or the rate limit.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);
    /// <summary>Those of the 429s that came from the enforced <see cref="TenantRateLimit"/> (the rest are the random <see cref="ThrottleShare"/>).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Messages delivered to each conversation (accepted, typing indicators left out).</summary>
    public IReadOnlyDictionary<string, int> DeliveredPerConversation() =>
        _received.Where(r => r.IsDeliveredMessage && r.ConversationId is not null).GroupBy(r => r.ConversationId!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Answers every request for this conversation with <paramref name="status"/> (403: the user blocked the bot; 404: gone).</summary>
    public void Refuse(string conversationId, int status) => _refused[conversationId] = status;

    public void Accept(string conversationId) => _refused.TryRemove(conversationId, out _);

    /// <summary>Which tenant a conversation belongs to, for the per-tenant rate limit (conversations created here are known already).</summary>
    public void AddConversation(string conversationId, string tenantId) => _tenantOf[conversationId] = tenantId;

    /// <summary>Forgets what was received and clears every fault.</summary>
    public void Reset()
    {
        _received.Clear();
        _refused.Clear();
        (Latency, ThrottleShare, UnavailableShare, Hang) = (TimeSpan.Zero, 0, 0, false);
    }

    internal async Task<(int Status, JsonObject? Body, int? RetryAfter)> HandleAsync(
        string method, string path, string? conversationId, JsonNode? body, CancellationToken cancellationToken)
    {
        var (status, answer, retryAfter) = await DecideAsync(conversationId, body, cancellationToken);
        _received.Enqueue(new ConnectorRequest(method, path, conversationId, (string?)body?["type"], (string?)body?["replyToId"],
            body?.ToJsonString() ?? "", status, _time.GetUtcNow()));
        return (status, answer, retryAfter);
    }

    private async Task<(int, JsonObject?, int?)> DecideAsync(string? conversationId, JsonNode? body, CancellationToken cancellationToken)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _time, cancellationToken);
        }
        if (conversationId is not null && _refused.TryGetValue(conversationId, out var refused))
        {
            return (refused, Error(refused == 403 ? "BotDisabledByAdmin" : "ConversationNotFound"), null);
        }
        var tenant = conversationId is null ? (string?)body?["tenantId"] ?? "" : _tenantOf.GetValueOrDefault(conversationId, "");
        if (!WithinRate(tenant))
        {
            Interlocked.Increment(ref _rateLimited);
            Interlocked.Increment(ref _throttled);
            return (429, Error("Throttled"), 1);
        }
        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble();
        }
        if (draw < ThrottleShare)
        {
            Interlocked.Increment(ref _throttled);
            return (429, Error("Throttled"), RetryAfterSeconds);
        }
        if (draw < ThrottleShare + UnavailableShare)
        {
            return (503, Error("ServiceUnavailable"), RetryAfterSeconds);
        }
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (conversationId is null)
        {
            var created = "a:sim-" + id;
            _tenantOf[created] = tenant;
            return (201, new JsonObject { ["id"] = created, ["activityId"] = "1" }, null);
        }
        return (200, new JsonObject { ["id"] = "1:" + id }, null);
    }

    private bool WithinRate(string tenant)
    {
        if (TenantRateLimit <= 0)
        {
            return true;
        }
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        var window = _rates.GetOrAdd(tenant, _ => new RateWindow());
        lock (window)
        {
            if (window.Second != second)
            {
                (window.Second, window.Count) = (second, 0);
            }
            return ++window.Count <= TenantRateLimit;
        }
    }

    private static JsonObject Error(string code) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = code } };

    private sealed class RateWindow
    {
        public long Second { get; set; }
        public int Count { get; set; }
    }
}
