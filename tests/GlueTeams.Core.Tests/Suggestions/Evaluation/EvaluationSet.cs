using GlueTeams.Graph.Calendars;
using System.Text.Json;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;

namespace GlueTeams.Core.Tests.Suggestions.Evaluation;

/// <summary>One hand-labelled calendar event of the evaluation set, with the user it belongs to.</summary>
/// <param name="ImpactLabel">For glue work: multiplier (it builds something reusable, or reaches many) or one-off help.</param>
public sealed record LabelledEvent(CalendarEvent Event, string Label, string User, string? Manager, string Week, Impact? ImpactLabel = null);

public sealed record CategoryScore(string CategoryId, int Labelled, int Suggested, int Correct)
{
    public double Precision => Suggested == 0 ? 1 : (double)Correct / Suggested;
    public double Recall => Labelled == 0 ? 1 : (double)Correct / Labelled;
}

public sealed record EvaluationResult(IReadOnlyList<(LabelledEvent Item, Suggestion Suggestion)> Rows)
{
    public double Accuracy => Rows.Count == 0 ? 0 : (double)Rows.Count(r => r.Suggestion.CategoryId == r.Item.Label) / Rows.Count;

    public IEnumerable<(LabelledEvent Item, Suggestion Suggestion)> Misses => Rows.Where(r => r.Suggestion.CategoryId != r.Item.Label);

    /// <summary>The glue work of the set (the rows with an impact label).</summary>
    public IEnumerable<(LabelledEvent Item, Suggestion Suggestion)> GlueRows => Rows.Where(r => r.Item.ImpactLabel is not null);

    /// <summary>Of the glue work, the share whose suggested impact (multiplier or one-off) is the labelled one.</summary>
    public double ImpactAccuracy => GlueRows.Any() ? (double)GlueRows.Count(r => r.Suggestion.Impact == r.Item.ImpactLabel) / GlueRows.Count() : 0;

    public IEnumerable<(LabelledEvent Item, Suggestion Suggestion)> ImpactMisses => GlueRows.Where(r => r.Suggestion.Impact != r.Item.ImpactLabel);

    public IReadOnlyList<CategoryScore> PerCategory => GlueCategories.All
        .Select(c => new CategoryScore(c.Id,
            Rows.Count(r => r.Item.Label == c.Id),
            Rows.Count(r => r.Suggestion.CategoryId == c.Id),
            Rows.Count(r => r.Item.Label == c.Id && r.Suggestion.CategoryId == c.Id)))
        .ToList();
}

/// <summary>
/// The evaluation calendar (Suggestions/Evaluation/events.jsonl) and the ways it is scored, shared by the tests and the
/// benchmark so that both report the same figures.
/// </summary>
public static class EvaluationSet
{
    /// <summary>The calendar labelled before any rule was written, and used to find the rules' mistakes.</summary>
    public const string FileName = "events.jsonl";

    /// <summary>A second calendar, written after the rules and kept out of their tuning: the fairer estimate.</summary>
    public const string HoldoutFileName = "holdout.jsonl";

    public static IReadOnlyList<LabelledEvent> Load(string fileName = FileName) =>
        File.ReadLines(Locate(fileName)).Where(l => l.Length > 0).Select(Parse).ToList();

    public static LabelledEvent Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var json = document.RootElement;
        var manager = json.GetProperty("manager");
        Impact? impact = json.TryGetProperty("impact", out var i) ? (i.GetString() == "multiplier" ? Impact.Multiplier : Impact.OneOff) : null;
        return new LabelledEvent(GraphEventJson.Parse(json), json.GetProperty("label").GetString()!, json.GetProperty("user").GetString()!,
            manager.ValueKind == JsonValueKind.String ? manager.GetString() : null, json.GetProperty("week").GetString()!, impact);
    }

    /// <summary>A user's first week: no history of their own; the tenant model knows the other users' confirmations.</summary>
    public static EvaluationResult ColdStart(IReadOnlyList<LabelledEvent> events)
    {
        var models = ModelsWithoutEachUser(events);
        var variety = SeriesVariety(events);
        return Evaluate(events, item => new SuggestionContext(item.User, item.Manager, ConfirmationHistory.Empty, models[item.User], variety[(item.User, item.Week)]));
    }

    // What a week's sync sees: per user and week, how many different groups of people each series met with.
    private static Dictionary<(string User, string Week), IReadOnlyDictionary<string, int>> SeriesVariety(IReadOnlyList<LabelledEvent> events) =>
        events.GroupBy(e => (e.User, e.Week)).ToDictionary(g => g.Key, g => SuggestionContext.VarietyOf(g.Select(e => e.Event), g.Key.User));

    /// <summary>The rules alone: no history, no tenant model.</summary>
    public static EvaluationResult RulesOnly(IReadOnlyList<LabelledEvent> events) =>
        Evaluate(events, item => SuggestionContext.Cold(item.User, item.Manager));

    /// <summary>
    /// Each user confirms their first week as labelled; scores the recurring meetings (same series) of the weeks after.
    /// </summary>
    public static EvaluationResult RecurringAfterOneWeek(IReadOnlyList<LabelledEvent> events)
    {
        var firstWeek = events.Min(e => e.Week);
        var later = events.Where(e => e.Week != firstWeek && e.Event.SeriesMasterId is not null).ToList();
        var models = ModelsWithoutEachUser(events);
        var histories = events.Where(e => e.Week == firstWeek).GroupBy(e => e.User)
            .ToDictionary(g => g.Key, g => new ConfirmationHistory(g.Select(Confirmed)));
        return Evaluate(later, item => new SuggestionContext(item.User, item.Manager, histories[item.User], models[item.User]));
    }

    /// <summary>
    /// The simulated weekly card of one user: each week is suggested with every earlier week confirmed as labelled; a
    /// row counts as changed when the suggestion differs from the label. Returns the average changed rows per card.
    /// </summary>
    public static double AverageChangedRowsPerCard(IReadOnlyList<IReadOnlyList<(CalendarEvent Event, string Label)>> weeks,
        string userEmail, string? managerEmail, TenantModel model)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        if (weeks.Count == 0)
        {
            return 0;
        }
        var confirmed = new List<PastConfirmation>();
        var changes = 0;
        foreach (var week in weeks)
        {
            var context = new SuggestionContext(userEmail, managerEmail, new ConfirmationHistory(confirmed), model);
            changes += week.Count(row => SuggestionEngine.Suggest(row.Event, context).CategoryId != row.Label);
            confirmed.AddRange(week.Select(row => new PastConfirmation(row.Event.SeriesMasterId, row.Event.Subject, row.Label)));
        }
        return (double)changes / weeks.Count;
    }

    /// <summary><see cref="AverageChangedRowsPerCard"/> over every user of the evaluation set, weighted by their cards.</summary>
    public static double AverageChangedRowsPerCard(IReadOnlyList<LabelledEvent> events)
    {
        var models = ModelsWithoutEachUser(events);
        var perUser = events.GroupBy(e => e.User).Select(user =>
        {
            var weeks = user.GroupBy(e => e.Week).OrderBy(w => w.Key)
                .Select(w => (IReadOnlyList<(CalendarEvent, string)>)w.Select(e => (e.Event, e.Label)).ToList()).ToList();
            return (Weeks: weeks.Count, Average: AverageChangedRowsPerCard(weeks, user.Key, user.First().Manager, models[user.Key]));
        }).ToList();
        return perUser.Sum(u => u.Average * u.Weeks) / perUser.Sum(u => u.Weeks);
    }

    public static PastConfirmation Confirmed(LabelledEvent item) => new(item.Event.SeriesMasterId, item.Event.Subject, item.Label, item.ImpactLabel);

    private static EvaluationResult Evaluate(IEnumerable<LabelledEvent> events, Func<LabelledEvent, SuggestionContext> context) =>
        new(events.Select(item => (item, SuggestionEngine.Suggest(item.Event, context(item)))).ToList());

    // The tenant model a user meets: trained on everyone else's confirmations (private titles are never stored).
    private static Dictionary<string, TenantModel> ModelsWithoutEachUser(IReadOnlyList<LabelledEvent> events) =>
        events.Select(e => e.User).Distinct().ToDictionary(user => user, user =>
            TenantModel.Train(events.Where(e => e.User != user && !e.Event.IsPrivate).Select(e => (e.Event.Subject, e.Label))));

    /// <summary>Next to the test assembly when copied there; else in the repository, found by walking up to GlueTeams.sln.</summary>
    private static string Locate(string fileName)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Suggestions", "Evaluation", fileName);
        if (File.Exists(copied))
        {
            return copied;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GlueTeams.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "GlueTeams.Core.Tests", "Suggestions", "Evaluation", fileName);
            }
        }
        throw new FileNotFoundException($"{fileName} not found next to {AppContext.BaseDirectory} nor in a repository above it.");
    }
}
