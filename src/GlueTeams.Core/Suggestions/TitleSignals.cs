using GlueTeams.Core.Categories;

namespace GlueTeams.Core.Suggestions;

/// <summary>A keyword phrase found in a title, the category it points to and how strongly (1 weak … 3 strong, 4 for words that name the activity itself).</summary>
public sealed record TitleSignal(string CategoryId, string Phrase, int Weight);

/// <summary>
/// The words that typically name each kind of meeting. Phrases are matched on <see cref="TitleText"/> tokens, longest
/// first, so that "lunch and learn" is not read as "lunch"; a token one typo away from a keyword (two for long words)
/// counts as that keyword.
/// </summary>
public static class TitleSignals
{
    private static readonly (string CategoryId, int Weight, string[] Phrases)[] s_table =
    [
        ("mentoring", 3, ["mentoring", "mentor", "mentorship", "mentee", "coaching", "coach", "career chat", "career conversation",
            "career growth", "career development", "career", "promo packet", "promotion", "mentoring circle", "ask me anything", "ama",
            "growth conversation", "sponsorship", "feedback session", "career advice", "growth plan", "development plan", "idp", "mentorship session"]),
        ("mentoring", 2, ["office hours", "promo"]),
        ("onboarding", 3, ["onboarding", "onboard", "new hire", "new hires", "newhire", "new joiner", "new joiners", "new starter", "buddy",
            "ramp up", "rampup", "orientation", "induction", "codebase tour", "welcome", "meet the team", "bootcamp", "new employee"]),
        ("onboarding", 2, ["shadowing", "first week", "dev environment setup", "environment setup"]),
        ("knowledge-sharing", 3, ["tech talk", "brown bag", "brownbag", "lunch and learn", "lunch n learn", "lunch learn", "demo day",
            "workshop", "lightning talk", "lightning talks", "knowledge sharing", "knowledge transfer", "documentation", "runbook",
            "study group", "book club", "reading group", "write up", "writeup", "tutorial", "teach in", "101", "brownbag", "show and tell", "show n tell", "knowledge share", "kt session", "learning session", "masterclass", "seminar", "teach in"]),
        ("knowledge-sharing", 2, ["talk", "talks", "training", "docs", "doc", "wiki", "handbook", "faq", "guide", "blog post",
            "presentation", "game day", "teach", "intro to", "walkthrough"]),
        ("design-review", 3, ["design review", "design doc", "design critique", "design discussion", "tech design", "technical design",
            "rfc", "adr", "architecture", "architectural", "tech spec", "technical spec", "spec review", "arb", "review board",
            "solution design", "system design", "api review", "schema review", "data model review", "design session", "technical review", "one pager", "tdd"]),
        ("design-review", 2, ["arch", "spec", "deep dive"]),
        ("design-review", 1, ["design"]),
        ("code-review", 3, ["code review", "pr review", "pr reviews", "pull request", "pair programming", "mob programming", "mob review",
            "mob", "mobbing", "code walkthrough", "review prs", "code walk", "review session", "pr triage"]),
        ("code-review", 2, ["pr", "prs", "pairing", "pair"]),
        ("coordination", 3, ["alignment", "align", "dependency", "dependencies", "roadmap", "cross team", "crossteam", "cross functional",
            "coordination", "interlock", "scrum of scrums", "pi planning", "okr", "okrs", "leads sync", "program review", "program sync",
            "steering", "launch coordination", "release coordination", "quarterly planning", "big room planning", "release train", "partner sync", "integration sync", "cross org"]),
        ("coordination", 2, ["sync", "program", "contract", "slo", "sla", "launch", "stakeholders", "integration", "migration"]),
        ("process", 3, ["retro", "retrospective", "process", "working agreement", "working agreements", "ways of working", "standards",
            "definition of done", "best practices", "engineering excellence", "policy", "guild", "guidelines", "conventions", "sdlc", "devex", "dev productivity", "process review"]),
        ("process", 2, ["standard", "tooling", "practices", "improvement", "improvements", "template", "rubric", "rotation", "playbook",
            "developer experience", "proposal"]),
        ("incident", 4, ["postmortem", "post mortem", "incident review", "incident retro", "incident retrospective", "rca", "root cause",
            "coe", "five whys", "5 whys", "pir", "post incident", "blameless", "learning review", "after action review", "aar", "correction of error", "lessons learned"]),
        ("incident", 3, ["incident", "incidents", "sev", "outage", "war room", "corrective actions", "ops review"]),
        ("incident", 2, ["action items", "bridge"]),
        // Words that name the activity itself outweigh words about its topic: an interview on system design is hiring.
        ("hiring", 4, ["interview", "interviews", "interviewing", "interviewer", "debrief", "hiring committee", "phone screen",
            "candidate", "bar raiser", "interview loop"]),
        ("hiring", 3, ["hiring", "screening", "recruiter", "recruiting", "take home review", "onsite loop", "interview panel", "resume review", "cv review", "offer review", "hiring manager", "recruiting intake", "job description"]),
        ("hiring", 2, ["loop", "screen", "onsite", "hc", "panel", "intake", "talent"]),
        ("community", 3, ["erg", "ergs", "community", "culture", "volunteer", "volunteering", "dandi", "dei", "deib", "diversity",
            "inclusion", "meetup", "allyship", "affinity", "charity", "hackathon", "neurodiversity", "open source", "women in", "fundraiser", "blood drive", "heritage month", "women in tech", "lgbtq", "bipoc", "employee resource group"]),
        ("community", 2, ["pride", "heritage", "council", "social", "club", "conference"]),
        ("not-glue", 3, ["standup", "stand up", "daily scrum", "sprint planning", "backlog", "refinement", "grooming", "focus",
            "deep work", "heads down", "no meetings", "implement", "ooo", "out of office", "vacation", "pto", "holiday", "dentist",
            "doctor", "gym", "yoga", "haircut", "therapy", "pick up", "pickup", "commute", "travel", "personal", "all hands",
            "allhands", "town hall", "townhall", "sprint review", "sprint demo", "planning poker", "bug bash", "lunch", "mandatory",
            "required", "compliance", "expenses", "expense", "budget", "benefits", "business review", "qbr", "code freeze",
            "go no go", "maintenance", "deploy", "deployment", "release checklist", "design qa", "self assessment", "prep",
            "vendor", "toil", "upgrade", "investigate", "fix", "bug", "bugs", "triage", "team building", "offsite", "estimation", "customer call", "sales call", "support rotation"]),
        ("not-glue", 2, ["sprint", "demo", "release", "handoff", "handover", "on call", "oncall", "patch", "status update",
            "exec update", "readout", "scrum", "daily", "block", "research"]),
    ];

    private static readonly Dictionary<string, List<(TitleSignal Signal, string[] Tokens)>> s_byFirstToken = s_table
        .SelectMany(row => row.Phrases.Select(p => (Signal: new TitleSignal(row.CategoryId, p, row.Weight), Tokens: p.Split(' '))))
        .DistinctBy(p => p.Signal.Phrase)
        .GroupBy(p => p.Tokens[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Tokens.Length).ToList(), StringComparer.Ordinal);

    private static readonly HashSet<string> s_vocabulary = s_byFirstToken.Values
        .SelectMany(list => list.SelectMany(p => p.Tokens)).ToHashSet(StringComparer.Ordinal);

    private const int FuzzyMinimumLength = 6;

    private static readonly string[] s_fuzzyVocabulary = s_vocabulary.Where(t => t.Length >= FuzzyMinimumLength - 1).ToArray();

    /// <summary>Every phrase found in the title, left to right; a token belongs to one phrase at most.</summary>
    public static IReadOnlyList<TitleSignal> Find(TitleText title)
    {
        var tokens = title.Tokens.Select(Correct).ToArray();
        var found = new List<TitleSignal>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!s_byFirstToken.TryGetValue(tokens[i], out var candidates))
            {
                continue;
            }
            foreach (var (signal, phrase) in candidates)
            {
                if (i + phrase.Length <= tokens.Length && phrase.AsSpan().SequenceEqual(tokens.AsSpan(i, phrase.Length)))
                {
                    found.Add(signal);
                    i += phrase.Length - 1;
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>Sums the weights per category, strongest first; ties go to the category listed first in the taxonomy.</summary>
    public static IReadOnlyList<(string CategoryId, int Score, TitleSignal Strongest)> Score(IReadOnlyList<TitleSignal> signals) =>
        signals
            .GroupBy(s => s.CategoryId)
            .Select(g => (CategoryId: g.Key, Score: g.Sum(s => s.Weight), Strongest: g.MaxBy(s => s.Weight)!))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Strongest.Weight)
            .ThenBy(s => IndexOf(s.CategoryId))
            .ToList();

    private static int IndexOf(string categoryId) =>
        GlueCategories.All.Select((c, i) => (c, i)).First(p => p.c.Id == categoryId).i;

    // Ordinary words one typo away from a keyword ("progress" / "process"): never read as typos.
    private static readonly HashSet<string> s_notTypos = new(StringComparer.Ordinal)
    {
        "progress", "caching", "spring", "hiding", "trailing", "poaching", "retrofit", "incidence", "mentions", "interval",
    };

    /// <summary>The keyword a token stands for: itself, its singular, or a keyword one typo away (two for long words).</summary>
    private static string Correct(string token)
    {
        if (s_vocabulary.Contains(token) || s_notTypos.Contains(token))
        {
            return token;
        }
        if (token.Length > 3 && token.EndsWith('s') && s_vocabulary.Contains(token[..^1]))
        {
            return token[..^1];
        }
        // Short words are too close to each other ("retry", "retro") to guess at a typo; long ones allow two.
        if (token.Length < FuzzyMinimumLength)
        {
            return token;
        }
        var allowed = token.Length >= 11 ? 2 : 1;
        foreach (var keyword in s_fuzzyVocabulary)
        {
            // A typo rarely hits the first letter; requiring it keeps "preview" from reading as "review".
            if (keyword[0] == token[0] && Math.Abs(keyword.Length - token.Length) <= allowed
                && Typos.Distance(token, keyword, allowed) <= allowed)
            {
                return keyword;
            }
        }
        return token;
    }
}
