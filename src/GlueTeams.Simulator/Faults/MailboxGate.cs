namespace GlueTeams.Simulator.Faults;

/// <summary>Counts requests in flight per mailbox, so the one over the limit can be refused as Graph does.</summary>
public sealed class MailboxGate
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>Takes a slot, or returns null when <paramref name="limit"/> requests are already in flight.</summary>
    public IDisposable? TryEnter(string mailbox, int limit)
    {
        lock (_lock)
        {
            var count = _inFlight.GetValueOrDefault(mailbox);
            if (count >= limit)
            {
                return null;
            }
            _inFlight[mailbox] = count + 1;
        }
        return new Slot(this, mailbox);
    }

    private void Leave(string mailbox)
    {
        lock (_lock)
        {
            if (--_inFlight[mailbox] == 0)
            {
                _inFlight.Remove(mailbox);
            }
        }
    }

    private sealed class Slot(MailboxGate gate, string mailbox) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(mailbox);
            }
        }
    }
}
