namespace GlueTeams.Core.Categories;

/// <summary>
/// A glue-work category. <see cref="Id"/> is stable and stored; <see cref="Name"/> is shown; <see cref="Color"/> is
/// its one colour everywhere (tabs, packet chart) and <see cref="Marker"/> the nearest coloured emoji, for Adaptive
/// Cards, which can colour text only with a few named colours. Both come from Categories/categories.json.
/// </summary>
public sealed record GlueCategory(string Id, string Name, string Description)
{
    /// <summary>"#rrggbb".</summary>
    public string Color => CategoryPalette.Of(Id).Color;

    public string Marker => CategoryPalette.Of(Id).Marker;

    public bool IsGlue => Id != GlueCategories.NotGlueId;

    /// <summary>The Outlook category that tags a meeting with this category, e.g. "Glue: Mentoring".</summary>
    public string OutlookCategoryName => GlueCategories.OutlookPrefix + ShortName;

    /// <summary>The name before any " & ..." part: "Mentoring & coaching" → "Mentoring".</summary>
    public string ShortName => Name.Split(" & ", 2)[0];
}
