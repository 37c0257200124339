namespace GlueTeams.Core.Suggestions;

/// <summary>A category the user confirmed earlier for a meeting.</summary>
public sealed record PastConfirmation(string? SeriesMasterId, string Subject, string CategoryId);

public enum HistoryMatchKind
{
    SameSeries,
    SameTitle,
    SimilarTitle,
}

/// <summary>What a user's earlier confirmations say about a new event: which category, how often, and how it matched.</summary>
public sealed record HistoryMatch(string CategoryId, int Times, int Total, HistoryMatchKind Kind);

/// <summary>The user's earlier confirmations, indexed by series and by normalised title.</summary>
public sealed class ConfirmationHistory
{
    /// <summary>Share of title tokens two titles must have in common to count as the same meeting.</summary>
    public const double SimilarTitleThreshold = 0.6;

    public static ConfirmationHistory Empty { get; } = new([]);

    private readonly Dictionary<string, Dictionary<string, int>> _bySeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _byTitle = new(StringComparer.Ordinal);
    private readonly List<(HashSet<string> Tokens, string Key)> _titles = [];

    public ConfirmationHistory(IEnumerable<PastConfirmation> confirmations)
    {
        ArgumentNullException.ThrowIfNull(confirmations);
        foreach (var confirmation in confirmations)
        {
            Count += 1;
            if (!string.IsNullOrEmpty(confirmation.SeriesMasterId))
            {
                Add(_bySeries, confirmation.SeriesMasterId, confirmation.CategoryId);
            }
            var title = TitleText.Parse(confirmation.Subject);
            if (title.Key.Length == 0)
            {
                continue;
            }
            if (!_byTitle.ContainsKey(title.Key))
            {
                _titles.Add((title.Key.Split(' ').ToHashSet(StringComparer.Ordinal), title.Key));
            }
            Add(_byTitle, title.Key, confirmation.CategoryId);
        }
    }

    public int Count { get; }

    public HistoryMatch? FindSeries(string? seriesMasterId) =>
        seriesMasterId is not null && _bySeries.TryGetValue(seriesMasterId, out var series)
            ? Majority(series, HistoryMatchKind.SameSeries)
            : null;

    /// <summary>The same series first; else the same or a very similar title.</summary>
    public HistoryMatch? Find(string? seriesMasterId, TitleText title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (FindSeries(seriesMasterId) is { } series)
        {
            return series;
        }
        if (title.Key.Length == 0)
        {
            return null;
        }
        if (_byTitle.TryGetValue(title.Key, out var same))
        {
            return Majority(same, HistoryMatchKind.SameTitle);
        }
        var tokens = title.Key.Split(' ').ToHashSet(StringComparer.Ordinal);
        var best = _titles
            .Select(t => (t.Key, Similarity: Jaccard(tokens, t.Tokens)))
            .Where(t => t.Similarity >= SimilarTitleThreshold)
            .OrderByDescending(t => t.Similarity)
            .FirstOrDefault();
        return best.Key is null ? null : Majority(_byTitle[best.Key], HistoryMatchKind.SimilarTitle);
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var common = a.Count(b.Contains);
        return common == 0 ? 0 : (double)common / (a.Count + b.Count - common);
    }

    private static HistoryMatch Majority(Dictionary<string, int> counts, HistoryMatchKind kind)
    {
        var (categoryId, times) = counts.MaxBy(p => p.Value);
        return new HistoryMatch(categoryId, times, counts.Values.Sum(), kind);
    }

    private static void Add(Dictionary<string, Dictionary<string, int>> index, string key, string categoryId)
    {
        if (!index.TryGetValue(key, out var counts))
        {
            index[key] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        counts[categoryId] = counts.GetValueOrDefault(categoryId) + 1;
    }
}
