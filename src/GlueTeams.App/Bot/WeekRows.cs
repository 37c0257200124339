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
    /// <summary>From this confidence on a suggestion is sure enough to show without its reason (and not-glue ones collapse into one line).</summary>
    public const double SureFrom = 0.7;

    public int Minutes => Occurrences.Sum(o => o.Record.Minutes);

    /// <summary>The row's first occurrence is confirmed (what the row shows).</summary>
    public bool IsConfirmed => Record is { Status: ActivityStatus.Confirmed, Confirmation: not null };

    /// <summary>Some occurrence is still a suggestion: "Confirm week" has something to do.</summary>
    public bool HasOpen => Unconfirmed() is not null;

    /// <summary>What the row's choice shows: the confirmed category, else the suggestion, else not glue.</summary>
    public string CategoryId => Record.ConfirmedCategoryId ?? Record.Suggestion?.CategoryId ?? GlueCategories.NotGlueId;

    /// <summary>The confirmed impact, else the suggested one (so that Confirm keeps a suggested multiplier).</summary>
    public Impact Impact => Record.Confirmation?.Impact ?? Record.Suggestion?.Impact ?? Impact.OneOff;

    /// <summary>
    /// The suggestion was unsure (or there is none). Decided by the suggestion alone, not by the confirmation, so that a
    /// row stays where it was on the card after it is confirmed.
    /// </summary>
    public bool IsUncertain => !Record.IsLogged && Record.Suggestion is not { Confidence: >= SureFrom };

    /// <summary>A sure row that shows "not glue": one of the card's collapsed line.</summary>
    public bool IsQuietNotGlue => !IsUncertain && !Record.IsLogged && CategoryId == GlueCategories.NotGlueId;

    /// <summary>The occurrences not confirmed yet, as a row, or null when all are.</summary>
    public WeekRow? Unconfirmed()
    {
        var open = Occurrences.Where(o => o.Record is not { Status: ActivityStatus.Confirmed, Confirmation: not null }).ToList();
        return open.Count == 0 ? null : new WeekRow(open);
    }

    /// <summary>The card's order: unsure rows first, then sure glue work, then sure not-glue rows; each in time order.</summary>
    public static IReadOnlyList<WeekRow> Ordered(IEnumerable<WeekRow> rows) =>
        [.. rows.OrderBy(r => r.IsUncertain ? 0 : r.IsQuietNotGlue ? 2 : 1).ThenBy(r => r.Record.Start).ThenBy(r => r.Id, StringComparer.Ordinal)];

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
