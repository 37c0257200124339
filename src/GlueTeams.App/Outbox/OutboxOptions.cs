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
    /// <summary>Messages in hand at once in one instance (taken, waiting for their send slot, or being sent); more are taken when half are done.</summary>
    public int Parallelism { get; set; } = 32;
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
