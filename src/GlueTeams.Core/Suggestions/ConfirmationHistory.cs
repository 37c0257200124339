namespace GlueTeams.Core.Suggestions;

/// <summary>A category (and impact, when known) the user confirmed earlier for a meeting.</summary>
public sealed record PastConfirmation(string? SeriesMasterId, string Subject, string CategoryId, Records.Impact? Impact = null);

public enum HistoryMatchKind
{
    SameSeries,
    SameTitle,
    SimilarTitle,
}

/// <summary>
/// What a user's earlier confirmations say about a new event: which category, how often, how it matched, and the
/// impact most of them were confirmed with (null when none said).
/// </summary>
public sealed record HistoryMatch(string CategoryId, int Times, int Total, HistoryMatchKind Kind, Records.Impact? Impact = null);

/// <summary>The user's earlier confirmations, indexed by series and by normalised title.</summary>
public sealed class ConfirmationHistory
{
    /// <summary>Share of title tokens two titles must have in common to count as the same meeting.</summary>
    public const double SimilarTitleThreshold = 0.6;

    public static ConfirmationHistory Empty { get; } = new([]);

    private readonly Dictionary<string, Dictionary<string, int>> _bySeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _byTitle = new(StringComparer.Ordinal);
    // Per series or title key: how many confirmations said multiplier, and how many said anything about impact.
    private readonly Dictionary<string, (int Multiplier, int Said)> _impacts = new(StringComparer.Ordinal);
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
                AddImpact("series:" + confirmation.SeriesMasterId, confirmation.Impact);
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
            AddImpact("title:" + title.Key, confirmation.Impact);
        }
    }

    public int Count { get; }

    public HistoryMatch? FindSeries(string? seriesMasterId) =>
        seriesMasterId is not null && _bySeries.TryGetValue(seriesMasterId, out var series)
            ? Majority(series, HistoryMatchKind.SameSeries, "series:" + seriesMasterId)
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
            return Majority(same, HistoryMatchKind.SameTitle, "title:" + title.Key);
        }
        var tokens = title.Key.Split(' ').ToHashSet(StringComparer.Ordinal);
        var best = _titles
            .Select(t => (t.Key, Similarity: Jaccard(tokens, t.Tokens)))
            .Where(t => t.Similarity >= SimilarTitleThreshold)
            .OrderByDescending(t => t.Similarity)
            .FirstOrDefault();
        return best.Key is null ? null : Majority(_byTitle[best.Key], HistoryMatchKind.SimilarTitle, "title:" + best.Key);
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var common = a.Count(b.Contains);
        return common == 0 ? 0 : (double)common / (a.Count + b.Count - common);
    }

    private HistoryMatch Majority(Dictionary<string, int> counts, HistoryMatchKind kind, string impactKey)
    {
        var (categoryId, times) = counts.MaxBy(p => p.Value);
        var impact = _impacts.TryGetValue(impactKey, out var said) && said.Said > 0
            ? (2 * said.Multiplier >= said.Said ? Records.Impact.Multiplier : Records.Impact.OneOff)
            : (Records.Impact?)null;
        return new HistoryMatch(categoryId, times, counts.Values.Sum(), kind, impact);
    }

    private void AddImpact(string key, Records.Impact? impact)
    {
        if (impact is { } known)
        {
            var (multiplier, said) = _impacts.GetValueOrDefault(key);
            _impacts[key] = (multiplier + (known == Records.Impact.Multiplier ? 1 : 0), said + 1);
        }
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
