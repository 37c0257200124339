namespace GlueTeams.Core.Suggestions;

/// <summary>
/// Multinomial naive Bayes over title tokens, trained from the confirmed (title, category) pairs of a tenant. It only
/// speaks when it has seen enough: <see cref="MinimumExamples"/> confirmations and at least one token of the title.
/// </summary>
public sealed class TenantModel
{
    public const int MinimumExamples = 20;

    public static TenantModel Empty { get; } = Train([]);

    private readonly Dictionary<string, double> _logPriors;
    private readonly Dictionary<string, Dictionary<string, int>> _tokenCounts;
    private readonly Dictionary<string, int> _totalTokens;
    private readonly HashSet<string> _vocabulary;

    private TenantModel(int examples, Dictionary<string, double> logPriors, Dictionary<string, Dictionary<string, int>> tokenCounts,
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
        var documents = confirmed.Select(c => (Tokens: Features(TitleText.Parse(c.Title)), c.CategoryId)).ToList();
        var tokenCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var totalTokens = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tokens, categoryId) in documents)
        {
            if (!tokenCounts.TryGetValue(categoryId, out var counts))
            {
                tokenCounts[categoryId] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            foreach (var token in tokens)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
                vocabulary.Add(token);
            }
            totalTokens[categoryId] = totalTokens.GetValueOrDefault(categoryId) + tokens.Count;
        }
        var logPriors = documents.GroupBy(d => d.CategoryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Log((double)g.Count() / documents.Count), StringComparer.Ordinal);
        return new TenantModel(documents.Count, logPriors, tokenCounts, totalTokens, vocabulary);
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

    // Words and word pairs: "design review" tells more than "design" and "review" apart.
    private static List<string> Features(TitleText title)
    {
        var words = title.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. words, .. words.Zip(words.Skip(1), (a, b) => a + "_" + b)];
    }
}
