namespace GlueTeams.Core.Suggestions;

/// <summary>
/// What a tenant's confirmations of one category add up to: how many titles, how many features in all, and how often
/// each feature (a word or a word pair) occurred. The unit the model is trained, stored and updated in.
/// </summary>
/// <param name="TotalFeatures">Every feature counted, also those <paramref name="Features"/> no longer lists (a stored model keeps only the commonest).</param>
public sealed record CategoryCounts(string CategoryId, int Documents, int TotalFeatures, IReadOnlyDictionary<string, int> Features)
{
    /// <summary>One confirmed title of <paramref name="categoryId"/>, as counts to add (or, with <paramref name="sign"/> -1, to take away).</summary>
    public static CategoryCounts Of(string categoryId, string title, int sign = 1)
    {
        var features = TenantModel.Features(TitleText.Parse(title));
        return new CategoryCounts(categoryId, sign, sign * features.Count,
            features.GroupBy(f => f, StringComparer.Ordinal).ToDictionary(g => g.Key, g => sign * g.Count(), StringComparer.Ordinal));
    }

    /// <summary>These counts and <paramref name="other"/>'s together; features that reach 0 are dropped.</summary>
    public CategoryCounts Plus(CategoryCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var features = new Dictionary<string, int>(Features, StringComparer.Ordinal);
        foreach (var (feature, count) in other.Features)
        {
            var sum = features.GetValueOrDefault(feature) + count;
            if (sum > 0)
            {
                features[feature] = sum;
            }
            else
            {
                features.Remove(feature);
            }
        }
        return this with { Documents = Math.Max(0, Documents + other.Documents), TotalFeatures = Math.Max(0, TotalFeatures + other.TotalFeatures), Features = features };
    }
}

/// <summary>
/// Multinomial naive Bayes over title tokens, trained from the confirmed (title, category) pairs of a tenant. It only
/// speaks when it has seen enough: <see cref="MinimumExamples"/> confirmations and at least one token of the title.
/// </summary>
public sealed class TenantModel
{
    public const int MinimumExamples = 20;

    public static TenantModel Empty { get; } = Train([]);

    private readonly Dictionary<string, double> _logPriors;
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _tokenCounts;
    private readonly Dictionary<string, int> _totalTokens;
    private readonly HashSet<string> _vocabulary;

    private TenantModel(int examples, Dictionary<string, double> logPriors, Dictionary<string, IReadOnlyDictionary<string, int>> tokenCounts,
        Dictionary<string, int> totalTokens, HashSet<string> vocabulary)
    {
        Examples = examples;
        _logPriors = logPriors;
        _tokenCounts = tokenCounts;
        _totalTokens = totalTokens;
        _vocabulary = vocabulary;
    }

    public int Examples { get; }

    public static TenantModel Train(IEnumerable<(string Title, string CategoryId)> confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        return FromCounts(confirmed
            .GroupBy(c => c.CategoryId, StringComparer.Ordinal)
            .Select(g => g.Aggregate(new CategoryCounts(g.Key, 0, 0, new Dictionary<string, int>()), (sum, c) => sum.Plus(CategoryCounts.Of(g.Key, c.Title)))));
    }

    /// <summary>The model of counts kept per category (as stored and updated one confirmation at a time).</summary>
    public static TenantModel FromCounts(IEnumerable<CategoryCounts> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var kept = categories.Where(c => c.Documents > 0).ToList();
        var documents = kept.Sum(c => c.Documents);
        return new TenantModel(
            documents,
            kept.ToDictionary(c => c.CategoryId, c => Math.Log((double)c.Documents / documents), StringComparer.Ordinal),
            kept.ToDictionary(c => c.CategoryId, c => c.Features, StringComparer.Ordinal),
            kept.ToDictionary(c => c.CategoryId, c => c.TotalFeatures, StringComparer.Ordinal),
            kept.SelectMany(c => c.Features.Keys).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The most likely category and its posterior probability, or null when the model has nothing to go on.</summary>
    public (string CategoryId, double Probability)? Predict(TitleText title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (Examples < MinimumExamples || _logPriors.Count < 2)
        {
            return null;
        }
        var tokens = Features(title).Where(_vocabulary.Contains).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }
        var scores = _logPriors.ToDictionary(p => p.Key, p => p.Value + tokens.Sum(t =>
            Math.Log((_tokenCounts[p.Key].GetValueOrDefault(t) + 1.0) / (_totalTokens[p.Key] + _vocabulary.Count))));
        var max = scores.Values.Max();
        var sum = scores.Values.Sum(s => Math.Exp(s - max));
        var (categoryId, best) = scores.MaxBy(p => p.Value);
        return (categoryId, Math.Exp(best - max) / sum);
    }

    /// <summary>Words and word pairs: "design review" tells more than "design" and "review" apart.</summary>
    public static IReadOnlyList<string> Features(TitleText title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = title.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. words, .. words.Zip(words.Skip(1), (a, b) => a + "_" + b)];
    }
}
