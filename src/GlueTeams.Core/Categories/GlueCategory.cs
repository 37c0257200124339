namespace GlueTeams.Core.Categories;

/// <summary>A glue-work category. <see cref="Id"/> is stable and stored; <see cref="Name"/> is shown.</summary>
public sealed record GlueCategory(string Id, string Name, string Description)
{
    public bool IsGlue => Id != GlueCategories.NotGlueId;

    /// <summary>The Outlook category that tags a meeting with this category, e.g. "Glue: Mentoring".</summary>
    public string OutlookCategoryName => GlueCategories.OutlookPrefix + ShortName;

    /// <summary>The name before any " & ..." part: "Mentoring & coaching" → "Mentoring".</summary>
    public string ShortName => Name.Split(" & ", 2)[0];
}
