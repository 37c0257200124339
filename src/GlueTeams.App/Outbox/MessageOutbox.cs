using GlueTeams.Storage.Queues;

namespace GlueTeams.App.Outbox;

/// <summary>
/// Where the HTTP turn and the scheduler put what they decided to send. Enqueueing is the last step of a turn: once it
/// returned, the message is durable on the queue, and the worker of any instance sends it. The local worker is woken
/// at once so that a reply does not wait for its next poll. A message queued twice under one key is sent once: the
/// worker claims the key before sending (<see cref="OutboxWorker"/>).
/// </summary>
public sealed class MessageOutbox(WorkQueue<OutboxMessage> queue) : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public async Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await queue.EnqueueAsync(message, cancellationToken);
        _wake.Release();
    }

    /// <summary>Waits until something was enqueued by this instance, or <paramref name="timeout"/> passed.</summary>
    internal async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _wake.WaitAsync(timeout, cancellationToken))
        {
            while (_wake.Wait(0, CancellationToken.None))
            {
                // one wake-up for everything enqueued meanwhile: the worker takes up to 32 at a time anyway
            }
        }
    }

    public void Dispose() => _wake.Dispose();

    internal static string SentKey(string key) => "sent:" + key;
}
