using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Bot;

/// <summary>
/// One row of the weekly card: a single meeting, or every occurrence of a recurring series in the week (shown once,
/// with its count). The first occurrence's id names the row; the card carries the ETag of every occurrence
/// (<see cref="CardETags"/>), and an action applies only to the occurrences unchanged since the card was built.
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

    /// <summary>The ETags of all occurrences, as the card carries them (ETags hold no spaces).</summary>
    public string CardETags => string.Join(' ', Occurrences.Select(o => o.ETag.ToString()));

    /// <summary>
    /// The occurrences whose ETag the card carried (unchanged since it was built), as a row, or null when none is; and
    /// the occurrences that changed since (or are new), which an action must skip.
    /// </summary>
    public (WeekRow? Unchanged, IReadOnlyList<StoredRecord> Skipped) Split(string? cardETags)
    {
        var seen = (cardETags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unchanged = Occurrences.Where(o => seen.Contains(o.ETag.ToString())).ToList();
        return (unchanged.Count == 0 ? null : new WeekRow(unchanged), [.. Occurrences.Where(o => !seen.Contains(o.ETag.ToString()))]);
    }

    /// <summary>Groups a week's records (in time order) into rows, a series under its first occurrence.</summary>
    public static IReadOnlyList<WeekRow> Group(IEnumerable<StoredRecord> records) =>
        [.. records.GroupBy(r => r.Record.SeriesId is { Length: > 0 } series ? "series:" + series : "record:" + r.Id)
            .Select(g => new WeekRow([.. g]))];
}
