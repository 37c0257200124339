using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;

namespace GlueTeams.Core.Suggestions;

/// <summary>
/// Whether a piece of glue work is suggested as <see cref="Impact.Multiplier"/> (it builds something reusable, or
/// scales one person's help to many) and why. Only with a reason: without one the suggestion is one-off help.
/// </summary>
public static class ImpactSignals
{
    public const string LinkReason = "it produced an artifact (the link)";
    public const string SeriesReason = "a recurring session with different people each time";

    private static readonly (string Reason, bool AnyCategory, string[] Phrases)[] s_table =
    [
        ("office hours help whoever comes", true, ["office hours", "ask me anything", "ama", "open to all", "q and a"]),
        ("a guild spreads practice across teams", true, ["guild", "guilds"]),
        ("teaching a group builds skills beyond one person", false, ["training", "workshop", "tech talk", "talk", "talks", "lightning talk",
            "lightning talks", "brown bag", "brownbag", "lunch and learn", "lunch n learn", "lunch learn", "101", "masterclass",
            "seminar", "course", "bootcamp", "study group", "speaker", "demo day", "circle"]),
        ("a session for a whole cohort of new hires", false, ["new hires", "new joiners", "new starters", "newcomers"]),
        ("an onboarding guide others can reuse", false, ["onboarding guide", "onboarding docs", "onboarding doc"]),
        ("a written doc others can reuse", false, ["doc", "docs", "documentation", "runbook", "runbooks", "write up", "writeup", "wiki",
            "handbook", "faq", "playbook", "template", "rubric", "standards", "standard", "working agreement", "working agreements",
            "policy", "proposal", "blog post", "tutorial", "loom", "guide", "guidelines", "conventions", "definition of done", "rfc", "adr"]),
    ];

    private static readonly (string Reason, bool AnyCategory, string[] Tokens)[] s_phrases = s_table
        .SelectMany(row => row.Phrases.Select(p => (row.Reason, row.AnyCategory, Tokens: p.Split(' '))))
        .OrderByDescending(p => p.Tokens.Length)
        .ToArray();

    // Reviewing someone's doc, pairing on a PR, an interview or a sync helps once, whatever words the title uses;
    // office hours and guilds reach many people in any category.
    private static readonly HashSet<string> s_docsHelpOnce = new(StringComparer.Ordinal)
    {
        GlueCategories.DesignReview.Id, GlueCategories.CodeReview.Id, GlueCategories.Hiring.Id, GlueCategories.Coordination.Id,
        GlueCategories.Incident.Id,
    };

    /// <summary>The suggested impact of glue work in <paramref name="categoryId"/> and the reason for a multiplier.</summary>
    /// <param name="hasLink">The work came with an artifact link (a logged piece of work).</param>
    /// <param name="seriesVariety">How many different groups of people the occurrences of its series had (0 or 1: not known, or always the same).</param>
    public static (Impact Impact, string? Reason) Suggest(string categoryId, TitleText title, bool hasLink = false, int seriesVariety = 0)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (categoryId == GlueCategories.NotGlueId)
        {
            return (Impact.OneOff, null);
        }
        if (hasLink)
        {
            return (Impact.Multiplier, LinkReason);
        }
        var tokens = title.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var (reason, anyCategory, phrase) in s_phrases)
            {
                if ((anyCategory || !s_docsHelpOnce.Contains(categoryId))
                    && i + phrase.Length <= tokens.Count && phrase.SequenceEqual(tokens.Skip(i).Take(phrase.Length)))
                {
                    return (Impact.Multiplier, reason);
                }
            }
        }
        if (seriesVariety >= 2 && !s_docsHelpOnce.Contains(categoryId))
        {
            return (Impact.Multiplier, SeriesReason);
        }
        return categoryId == GlueCategories.KnowledgeSharing.Id
            ? (Impact.Multiplier, "knowledge sharing reaches many people")
            : (Impact.OneOff, null);
    }
}
