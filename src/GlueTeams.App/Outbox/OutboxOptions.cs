namespace GlueTeams.App.Outbox;

/// <summary>How the outbox retries; configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this instance runs the outbox worker (every instance does by default).</summary>
    public bool RunWorker { get; set; } = true;
    /// <summary>After this many failed tries a message goes to the poison queue.</summary>
    public int MaxTries { get; set; } = 10;
    /// <summary>The first retry waits about this long (with jitter); each next one twice as long, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>The longest Retry-After honoured: a connector asking for hours must not push a weekly card to another day.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a taken message stays hidden from other instances: longer than one send with its in-call retries.</summary>
    public TimeSpan Visibility { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// Messages in hand at once in one instance (taken, waiting for their send slot, or being sent); more are taken
    /// whenever 16 (or half, if fewer) are done. During a fan-out the sends are paced by the tenant rate, so most of
    /// these wait for their slot with their storage reads done: 200 is about 8 s of sending at one instance's share of
    /// two, which keeps the sends going while storage stalls for a few seconds (Azurite's queue clean-up blocks it for
    /// 6-9 s every 60 s or so; with 32 in hand every stall stopped sending) and still bounds how long a reply taken
    /// behind weekly cards waits for its slot.
    /// </summary>
    public int Parallelism { get; set; } = 200;
    /// <summary>The longest wait between two looks at an empty queue (this instance's own messages wake it at once).</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What is wrong with these settings, one sentence naming the setting each.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxTries < 1)
        {
            yield return $"Outbox:MaxTries {MaxTries} must be at least 1.";
        }
        if (Parallelism < 1)
        {
            yield return $"Outbox:Parallelism {Parallelism} must be at least 1.";
        }
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || Visibility <= TimeSpan.Zero || IdlePoll <= TimeSpan.Zero)
        {
            yield return "Outbox:BaseDelay, Outbox:MaxDelay (not below BaseDelay), Outbox:Visibility and Outbox:IdlePoll must be positive.";
        }
    }
}
