namespace GlueTeams.Graph;

/// <summary>What our Graph client did, for the sync CLI and the benchmarks.</summary>
public sealed class GraphCounters
{
    private long _requestsSent;
    private long _throttledRetries;
    private long _unreadableEvents;

    /// <summary>HTTP requests on the wire, each retry included; a $batch counts once.</summary>
    public long RequestsSent => Interlocked.Read(ref _requestsSent);
    /// <summary>Answers 429/503/504 (whole requests or $batch steps) that made us wait and send again.</summary>
    public long ThrottledRetries => Interlocked.Read(ref _throttledRetries);

    /// <summary>Events Graph sent without an id or a readable start or end: skipped, never placed in a guessed week.</summary>
    public long UnreadableEvents => Interlocked.Read(ref _unreadableEvents);

    internal void RequestSent() => Interlocked.Increment(ref _requestsSent);

    internal void Throttled() => Interlocked.Increment(ref _throttledRetries);

    internal void Unreadable() => Interlocked.Increment(ref _unreadableEvents);
}
