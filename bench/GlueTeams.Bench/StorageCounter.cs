using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GlueTeams.Bench;

/// <summary>
/// Counts and times every storage request on the wire (each try), by what it is: a table and whether it was a point
/// read or write, a query or a transaction; a queue operation. Put into the app's table and queue clients through
/// <see cref="GlueTeams.Storage.StorageOptions.Policies"/>.
/// </summary>
internal sealed class StorageCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Count(message, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Count(message, started);
    }

    public long Total => _tallies.Values.Sum(t => t.Count);

    /// <summary>A Markdown table of request kinds: count, per card, mean latency; most frequent first.</summary>
    public string Table(int cards)
    {
        var text = new StringBuilder("| storage request | count | per card | mean ms |\n| --- | ---: | ---: | ---: |\n");
        foreach (var (kind, tally) in _tallies.OrderByDescending(t => t.Value.Count))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind} | {tally.Count:N0} | {tally.Count / (double)Math.Max(1, cards):F2} | {TimeSpan.FromTicks(tally.Ticks / Math.Max(1, tally.Count)).TotalMilliseconds:F1} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| all | {Total:N0} | {Total / (double)Math.Max(1, cards):F2} | |");
        return text.ToString();
    }

    public void Reset() => _tallies.Clear();

    private void Count(HttpMessage message, long started)
    {
        var tally = _tallies.GetOrAdd(Kind(message.Request), _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        var ticks = Stopwatch.GetElapsedTime(started).Ticks;
        Interlocked.Add(ref tally.Ticks, ticks);
        var window = _window;
        Interlocked.Increment(ref window.Count);
        Interlocked.Add(ref window.Ticks, ticks);
        long max;
        while (ticks > (max = Interlocked.Read(ref window.Max)) && Interlocked.CompareExchange(ref window.Max, ticks, max) != max)
        {
        }
    }

    private Tally _window = new();

    /// <summary>The requests that ended since the last call: how many, their mean and their longest latency (for the per-second sampler).</summary>
    public (long Count, double MeanMs, double MaxMs) TakeWindow()
    {
        var window = Interlocked.Exchange(ref _window, new Tally());
        return (window.Count, window.Count == 0 ? 0 : TimeSpan.FromTicks(window.Ticks / window.Count).TotalMilliseconds, TimeSpan.FromTicks(window.Max).TotalMilliseconds);
    }

    /// <summary>"GET Users point", "GET Activities query", "POST $batch", "POST outbox messages"…</summary>
    private static string Kind(Request request)
    {
        var path = request.Uri.Path; // /devstoreaccount1/prefixTable(PartitionKey='…',RowKey='…') or /devstoreaccount1/queue/messages/id
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : path;
        var method = request.Method.ToString();
        if (resource == "$batch")
        {
            return method + " $batch";
        }
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            var table = TableName(resource[..paren]);
            var point = resource.Length > paren + 2 && resource[paren + 1] != ')';
            return $"{method} {table} {(point ? "point" : "query")}";
        }
        if (segments.Length > 2 && segments[2] == "messages")
        {
            var queue = resource[(resource.IndexOf('-', StringComparison.Ordinal) + 1)..];
            return $"{method} queue {queue}{(segments.Length > 3 ? " message" : "")}";
        }
        return method + " " + TableName(resource);
    }

    /// <summary>The table's name without the per-run prefix (prefixes are lower-case letters and digits; names start upper-case).</summary>
    private static string TableName(string name)
    {
        var start = 0;
        while (start < name.Length && !char.IsUpper(name[start]))
        {
            start++;
        }
        return start < name.Length ? name[start..] : name;
    }

    private sealed class Tally
    {
        public long Count;
        public long Ticks;
        public long Max;
    }
}
