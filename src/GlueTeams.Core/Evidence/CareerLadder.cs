using System.Text.Json;
using GlueTeams.Core.Categories;

namespace GlueTeams.Core.Evidence;

/// <summary>A public source a ladder was modelled on.</summary>
public sealed record LadderSource(string Title, string Url);

/// <summary>
/// A competency of the ladder and the evidence that counts for it: records of <see cref="Categories"/>, or, when
/// <see cref="MultiplierOnly"/>, every record marked multiplier whatever its category.
/// </summary>
public sealed record LadderCompetency(string Id, string Name, IReadOnlyList<string> Categories, bool MultiplierOnly, string Why);

/// <summary>A level and what it expects of each competency (by competency id).</summary>
public sealed record LadderLevel(string Id, string Name, IReadOnlyDictionary<string, string> Expectations);

/// <summary>
/// The career ladder the packet groups evidence under: the default one (Senior → Staff, Evidence/ladder.json, with the
/// public sources it was modelled on) or a company's own file in the same shape.
/// </summary>
public sealed record CareerLadder(string Id, string Name, string About, IReadOnlyList<LadderSource> Sources,
    IReadOnlyList<LadderCompetency> Competencies, IReadOnlyList<LadderLevel> Levels, string DefaultLevel)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static CareerLadder Default { get; } = LoadDefault();

    public LadderLevel? Level(string? id) => Levels.FirstOrDefault(l => string.Equals(l.Id, id ?? DefaultLevel, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a ladder; <paramref name="problems"/> says what is wrong with it (unknown categories, missing levels).</summary>
    public static CareerLadder? Parse(string json, out IReadOnlyList<string> problems)
    {
        CareerLadder? ladder;
        try
        {
            ladder = JsonSerializer.Deserialize<CareerLadder>(json, s_json);
        }
        catch (JsonException e)
        {
            problems = [$"is not a ladder in JSON: {e.Message}"];
            return null;
        }
        problems = ladder is null ? ["is empty"] : ladder.Problems();
        return problems.Count == 0 ? ladder : null;
    }

    private List<string> Problems()
    {
        var problems = new List<string>();
        if (Competencies is not { Count: > 0 } || Levels is not { Count: > 0 })
        {
            return ["needs at least one competency and one level"];
        }
        problems.AddRange(Competencies.SelectMany(c => (c.Categories ?? []).Where(id => !GlueCategories.TryGet(id, out _))
            .Select(id => $"competency '{c.Id}' names '{id}', which is not a glue-work category")));
        problems.AddRange(Competencies.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"competency '{g.Key}' appears twice"));
        problems.AddRange(Levels.GroupBy(l => l.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"level '{g.Key}' appears twice"));
        if (Level(DefaultLevel) is null)
        {
            problems.Add($"defaultLevel '{DefaultLevel}' is not one of its levels");
        }
        return problems;
    }

    private static CareerLadder LoadDefault()
    {
        using var stream = typeof(CareerLadder).Assembly.GetManifestResourceStream("GlueTeams.Core.Evidence.ladder.json")
            ?? throw new InvalidOperationException("ladder.json is not embedded in GlueTeams.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), out var problems) ?? throw new InvalidOperationException("The default ladder " + string.Join("; ", problems));
    }
}
