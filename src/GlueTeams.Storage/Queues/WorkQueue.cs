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
/// <see cref="MaxDequeueCount"/> times (or the consumer's own limit, through <see cref="MoveToPoisonAsync"/>) moves to
/// the "-poison" queue instead of looping forever.
/// </summary>
public sealed class WorkQueue<T>
{
    public const int MaxDequeueCount = 5;
    /// <summary>Azure's limit on a message, as stored (after Base64).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly JsonSerializerOptions? _json;
    private readonly int _maxDequeueCount;

    /// <param name="json">How payloads are written (e.g. to leave out nulls); the defaults when null.</param>
    /// <param name="maxDequeueCount">After how many receives an item is set aside unread (a consumer that crashes on it).</param>
    public WorkQueue(StorageOptions options, string name, JsonSerializerOptions? json = null, int maxDequeueCount = MaxDequeueCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _json = json;
        _maxDequeueCount = maxDequeueCount;
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

    /// <summary>Adds an item. An item over Azure's size limit is refused before anything is sent.</summary>
    public async Task EnqueueAsync(T payload, CancellationToken cancellationToken = default)
    {
        var text = JsonSerializer.Serialize(payload, _json);
        if ((System.Text.Encoding.UTF8.GetByteCount(text) + 2) / 3 * 4 > MaxMessageBytes)
        {
            throw new ArgumentException($"The work item is over Azure's {MaxMessageBytes / 1024} KiB queue message limit.", nameof(payload));
        }
        try
        {
            await _queue.SendMessageAsync(text, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == "QueueNotFound")
        {
            // storage was down when the app started, or this is the first item: create the queue on first use
            await EnsureCreatedAsync(cancellationToken);
            await _queue.SendMessageAsync(text, cancellationToken);
        }
    }

    /// <summary>Up to 32 items, each hidden from other consumers for <paramref name="visibility"/>. Poisoned items are moved aside, not returned.</summary>
    public async Task<IReadOnlyList<WorkItem<T>>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken = default)
    {
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken);
        var items = new List<WorkItem<T>>(messages.Length);
        foreach (var message in messages)
        {
            var payload = TryRead(message);
            if (payload is null || message.DequeueCount > _maxDequeueCount)
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

    /// <summary>The item failed for good: move it to the poison queue, where an operator can look at it.</summary>
    public async Task MoveToPoisonAsync(WorkItem<T> item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await _poison.SendMessageAsync(JsonSerializer.Serialize(item.Payload, _json), cancellationToken);
        await _queue.DeleteMessageAsync(item.MessageId, item.PopReceipt, cancellationToken);
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

    private T? TryRead(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.MessageText, _json);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
