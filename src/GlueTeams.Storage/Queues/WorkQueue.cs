using System.Text.Json;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace GlueTeams.Storage.Queues;

/// <summary>A work item taken from the queue: its payload, and what is needed to finish or give it back.</summary>
public sealed record WorkItem<T>(T Payload, string MessageId, string PopReceipt, long DequeueCount);

/// <summary>
/// Per-user work items on an Azure Storage queue, consumed by every running instance. A received item is invisible
/// for the visibility timeout; if its consumer dies it reappears for another. An item that failed
/// <see cref="MaxDequeueCount"/> times moves to the "-poison" queue instead of looping forever.
/// </summary>
public sealed class WorkQueue<T>
{
    public const int MaxDequeueCount = 5;

    private readonly QueueClient _queue;
    private readonly QueueClient _poison;

    public WorkQueue(StorageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var queueName = (options.TablePrefix + "-" + name).ToLowerInvariant();
        var clientOptions = options.QueueClientOptions();
        QueueServiceClient service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.QueueEndpoint ?? throw new InvalidOperationException("Storage:QueueEndpoint is not set."), new DefaultAzureCredential(), clientOptions)
            : new QueueServiceClient(options.ConnectionString, clientOptions);
        _queue = service.GetQueueClient(queueName);
        _poison = service.GetQueueClient(queueName + "-poison");
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task EnqueueAsync(T payload, CancellationToken cancellationToken = default) =>
        await _queue.SendMessageAsync(JsonSerializer.Serialize(payload), cancellationToken);

    /// <summary>Up to 32 items, each hidden from other consumers for <paramref name="visibility"/>. Poisoned items are moved aside, not returned.</summary>
    public async Task<IReadOnlyList<WorkItem<T>>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken = default)
    {
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken);
        var items = new List<WorkItem<T>>(messages.Length);
        foreach (var message in messages)
        {
            var payload = TryRead(message);
            if (payload is null || message.DequeueCount > MaxDequeueCount)
            {
                await _poison.SendMessageAsync(message.MessageText, cancellationToken);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                continue;
            }
            items.Add(new WorkItem<T>(payload, message.MessageId, message.PopReceipt, message.DequeueCount));
        }
        return items;
    }

    /// <summary>The item is done: remove it for good.</summary>
    public async Task CompleteAsync(WorkItem<T> item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await _queue.DeleteMessageAsync(item.MessageId, item.PopReceipt, cancellationToken);
    }

    /// <summary>The item failed: make it visible again after <paramref name="delay"/> for another try.</summary>
    public async Task RetryLaterAsync(WorkItem<T> item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await _queue.UpdateMessageAsync(item.MessageId, item.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Removes every waiting item (and poisoned one) that <paramref name="matches"/>: a user's items when their data is
    /// erased. Items are received to be read (hidden meanwhile) and the others are made visible again at the end; an
    /// item another consumer holds right now is not seen here, and its consumer must check for itself.
    /// </summary>
    public async Task<int> RemoveWhereAsync(Func<T, bool> matches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var removed = 0;
        foreach (var queue in new[] { _queue, _poison })
        {
            var others = new List<(string Id, string Receipt)>();
            try
            {
                QueueMessage[] messages;
                while ((messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Length > 0)
                {
                    foreach (var message in messages)
                    {
                        if (TryRead(message) is { } payload && matches(payload))
                        {
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                            removed++;
                        }
                        else
                        {
                            others.Add((message.MessageId, message.PopReceipt));
                        }
                    }
                }
            }
            finally
            {
                foreach (var (id, receipt) in others)
                {
                    await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                }
            }
        }
        return removed;
    }

    /// <summary>Every waiting item's text, without taking any (tests and diagnostics; at most 32 per queue).</summary>
    public async Task<IReadOnlyList<string>> PeekTextsAsync(CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        foreach (var queue in new[] { _queue, _poison })
        {
            PeekedMessage[] peeked = await queue.PeekMessagesAsync(32, cancellationToken);
            texts.AddRange(peeked.Select(m => m.MessageText));
        }
        return texts;
    }

    public async Task<int> ApproximateCountAsync(CancellationToken cancellationToken = default) =>
        (await _queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    public async Task<int> PoisonCountAsync(CancellationToken cancellationToken = default) =>
        (await _poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await _queue.DeleteIfExistsAsync(cancellationToken);
        await _poison.DeleteIfExistsAsync(cancellationToken);
    }

    private static T? TryRead(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.MessageText);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
