using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Bot;

/// <summary>
/// One row of the weekly card: a single meeting, or every occurrence of a recurring series in the week (shown once,
/// with its count). Actions on a row apply to all its occurrences; the first occurrence's id and ETag name the row.
/// </summary>
internal sealed record WeekRow(IReadOnlyList<StoredRecord> Occurrences)
{
    public StoredRecord Lead => Occurrences[0];
    public string Id => Lead.Id;
    public ActivityRecord Record => Lead.Record;
    public int Minutes => Occurrences.Sum(o => o.Record.Minutes);
    public bool IsConfirmed => Record.Status == ActivityStatus.Confirmed && Record.Confirmation is not null;

    /// <summary>What the row's choice shows: the confirmed category, else the suggestion, else not glue.</summary>
    public string CategoryId => Record.ConfirmedCategoryId ?? Record.Suggestion?.CategoryId ?? GlueCategories.NotGlueId;

    public Impact Impact => Record.Confirmation?.Impact ?? Impact.OneOff;

    /// <summary>Groups a week's records (in time order) into rows, a series under its first occurrence.</summary>
    public static IReadOnlyList<WeekRow> Group(IEnumerable<StoredRecord> records) =>
        [.. records.GroupBy(r => r.Record.SeriesId is { Length: > 0 } series ? "series:" + series : "record:" + r.Id)
            .Select(g => new WeekRow([.. g]))];
}
