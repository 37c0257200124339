namespace GlueTeams.Simulator.Faults;

/// <summary>
/// How badly the simulated Graph behaves. Set at start through <see cref="SimulatorOptions"/> and changed at runtime by
/// tests; every request (and every $batch step) reads the current values.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    public SimulatorFaults(int seed) => _random = new Random(seed);

    /// <summary>Added to every request (and every $batch step), while it holds its mailbox slot.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>Share of requests answered 429 with <see cref="RetryAfter"/>, 0 to 1.</summary>
    public double ThrottleShare { get; set; }
    /// <summary>Share of requests answered 503 with <see cref="RetryAfter"/>, 0 to 1.</summary>
    public double UnavailableShare { get; set; }
    /// <summary>What Retry-After says, in whole seconds as Graph sends it.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>Concurrent requests one mailbox serves; one more gets 429 (Graph's MailboxConcurrency).</summary>
    public int MailboxConcurrencyLimit { get; set; } = 4;
    /// <summary>Delta tokens carry this; <see cref="ExpireDeltaTokens"/> makes every issued token answer 410 Gone.</summary>
    public int DeltaGeneration { get; private set; }

    public void ExpireDeltaTokens() => DeltaGeneration++;

    /// <summary>
    /// Users (ids or UPNs) whose every request — calendar, mailbox settings, manager, direct reports — is answered 403
    /// Authorization_RequestDenied, as Graph answers when the organisation has not granted the app's permissions.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> DeniedUsers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void DenyConsent(string user) => DeniedUsers[user] = true;

    public void GrantConsent(string user) => DeniedUsers.TryRemove(user, out _);

    /// <summary>The status a request gets from the random faults: 429, 503, or null to serve it.</summary>
    public int? Draw()
    {
        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble();
        }
        return draw < ThrottleShare ? 429 : draw < ThrottleShare + UnavailableShare ? 503 : null;
    }
}
