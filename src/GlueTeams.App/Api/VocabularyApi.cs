using GlueTeams.Core.Categories;

namespace GlueTeams.App.Api;

/// <summary>A category as every page shows it, in display order, from Core/Categories/categories.json.</summary>
public sealed record CategoryView(string Id, string Name, string Color, bool IsGlue);

/// <summary>An impact the pages offer: its wire value and the words beside it.</summary>
public sealed record ImpactOption(ImpactChoice Value, string Label);

/// <summary>The words the pages show that the server owns: the taxonomy with its colours, and the impacts (the default first).</summary>
public sealed record VocabularyView(List<CategoryView> Categories, List<ImpactOption> Impacts)
{
    public static VocabularyView Current { get; } = new(
        [.. CategoryPalette.All.Select(c => new CategoryView(c.Id, c.Name, c.Color, c.Id != GlueCategories.NotGlueId))],
        [new(ImpactChoice.OneOff, "One-off help"), new(ImpactChoice.Multiplier, "Multiplier: it built something reusable")]);
}

public static class VocabularyApi
{
    public static IEndpointRouteBuilder MapVocabularyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/vocabulary", () => TypedResults.Ok(VocabularyView.Current)).RequireAuthorization().WithTabApiProblems()
            .WithTags("Vocabulary").WithName("GetVocabulary").WithSummary("The categories with their names and colours, and the impacts, as the pages show them");
        return routes;
    }
}
