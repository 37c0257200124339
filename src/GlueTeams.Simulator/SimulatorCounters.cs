using System.Collections.Concurrent;

namespace GlueTeams.Simulator;

/// <summary>What the simulated Graph served, for tests and benchmarks. Batch steps count as requests of their own kind.</summary>
public sealed class SimulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;
    private long _throttled;
    private long _unavailable;
    private long _bodiesReturned;

    public long Total => Interlocked.Read(ref _total);
    /// <summary>Answers 429, from the throttle share or the mailbox concurrency limit.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Unavailable => Interlocked.Read(ref _unavailable);
    /// <summary>Events serialised with their body. Our client must never ask for one.</summary>
    public long BodiesReturned => Interlocked.Read(ref _bodiesReturned);

    /// <summary>Requests by kind: users, user, manager, directReports, mailboxSettings, calendarView, delta, batch, subscriptions.</summary>
    public IReadOnlyDictionary<string, long> ByKind => _byKind;

    public long Of(string kind) => _byKind.GetValueOrDefault(kind);

    internal void Request(string kind)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    internal void Answered(int status)
    {
        if (status == 429)
        {
            Interlocked.Increment(ref _throttled);
        }
        else if (status == 503)
        {
            Interlocked.Increment(ref _unavailable);
        }
    }

    internal void BodyReturned() => Interlocked.Increment(ref _bodiesReturned);
}
