using System.Text.Json;

namespace GlueTeams.Core.Categories;

/// <summary>One category's entry in Categories/categories.json, the palette shared with the tabs.</summary>
public sealed record CategoryPalette(string Id, string Name, string Color, string Marker)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The palette in display order, read once from the embedded categories.json.</summary>
    public static IReadOnlyList<CategoryPalette> All { get; } = Load();

    private static readonly Dictionary<string, CategoryPalette> s_byId = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public static CategoryPalette Of(string id) =>
        s_byId.TryGetValue(id, out var entry) ? entry : throw new KeyNotFoundException($"categories.json has no entry for '{id}'.");

    private static List<CategoryPalette> Load()
    {
        using var stream = typeof(CategoryPalette).Assembly.GetManifestResourceStream("GlueTeams.Core.Categories.categories.json")
            ?? throw new InvalidOperationException("categories.json is not embedded in GlueTeams.Core.");
        return JsonSerializer.Deserialize<List<CategoryPalette>>(stream, s_json) ?? [];
    }
}
