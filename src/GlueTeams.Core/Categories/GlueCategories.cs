namespace GlueTeams.Core.Categories;

/// <summary>The taxonomy of PRODUCT.md. Ids never change; they are stored in every record.</summary>
public static class GlueCategories
{
    public const string NotGlueId = "not-glue";
    public const string OutlookPrefix = "Glue: ";

    public static readonly GlueCategory Mentoring = new("mentoring", "Mentoring & coaching",
        "1:1s that are not with one's own manager, mentoring, coaching, office hours, pairing with a junior.");
    public static readonly GlueCategory Onboarding = new("onboarding", "Onboarding",
        "Onboarding sessions, new-hire welcomes, buddy check-ins, ramp-up.");
    public static readonly GlueCategory KnowledgeSharing = new("knowledge-sharing", "Knowledge sharing",
        "Tech talks, brown bags, lunch and learns, demo days, workshops, training, documentation.");
    public static readonly GlueCategory DesignReview = new("design-review", "Architecture & design review",
        "Design reviews, RFCs, architecture discussions, ADRs, tech specs.");
    public static readonly GlueCategory CodeReview = new("code-review", "Code review & pairing",
        "Code reviews, PR reviews, pairing and mob sessions.");
    public static readonly GlueCategory Coordination = new("coordination", "Cross-team coordination",
        "Syncs between teams, alignment, dependencies, roadmaps, programs.");
    public static readonly GlueCategory Process = new("process", "Process & practices",
        "Retrospectives, working agreements, guilds, standards, tooling.");
    public static readonly GlueCategory Incident = new("incident", "Incident follow-up",
        "Postmortems, incident reviews, root-cause analyses, COEs.");
    public static readonly GlueCategory Hiring = new("hiring", "Hiring & interviewing",
        "Interviews, debriefs, hiring committees, loops, phone screens.");
    public static readonly GlueCategory Community = new("community", "Community & culture",
        "ERGs, community and culture work, volunteering, D&I, meetups.");
    public static readonly GlueCategory NotGlue = new(NotGlueId, "Not glue work",
        "Feature work, one's own 1:1 with one's manager, focus blocks, personal items.");

    /// <summary>Every category in display order, glue categories first.</summary>
    public static IReadOnlyList<GlueCategory> All { get; } =
    [
        Mentoring, Onboarding, KnowledgeSharing, DesignReview, CodeReview,
        Coordination, Process, Incident, Hiring, Community, NotGlue,
    ];

    private static readonly Dictionary<string, GlueCategory> s_byId =
        All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, GlueCategory> s_byOutlookName = All
        .SelectMany(c => new[] { (c.OutlookCategoryName, c), (OutlookPrefix + c.Name, c) })
        .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(p => p.Item1, p => p.c, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GlueCategory? category)
    {
        category = null;
        return id is not null && s_byId.TryGetValue(id, out category);
    }

    public static GlueCategory Get(string id) =>
        TryGet(id, out var category) ? category : throw new KeyNotFoundException($"Unknown glue category '{id}'.");

    /// <summary>Reads an Outlook category such as "Glue: Mentoring" (short or full name, any case).</summary>
    public static GlueCategory? FromOutlookCategory(string outlookCategory) =>
        s_byOutlookName.TryGetValue(outlookCategory.Trim(), out var category) ? category : null;
}
