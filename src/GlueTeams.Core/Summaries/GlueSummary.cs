using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Summaries;

/// <summary>An artifact a piece of glue work produced, with the outcome it served.</summary>
public sealed record ArtifactEntry(Uri Link, string? Title, string CategoryId, string? OutcomeNote, DateTimeOffset Start);

/// <summary>Glue work over a span of time. Only confirmed records count as glue; all records count as meeting time.</summary>
public sealed record GlueSummary(
    int MeetingMinutes,
    int GlueMinutes,
    IReadOnlyDictionary<string, int> MinutesByCategory,
    int MultiplierMinutes,
    int DelegatedMinutes,
    int ConfirmedCount,
    int UnconfirmedCount,
    IReadOnlyList<ArtifactEntry> Artifacts)
{
    public static GlueSummary Empty { get; } = new(0, 0, new Dictionary<string, int>(), 0, 0, 0, 0, []);

    /// <summary>Glue minutes as a share of meeting minutes, 0 when there were no meetings.</summary>
    public double ShareOfMeetingTime => Ratio(GlueMinutes, MeetingMinutes);

    /// <summary>Of the glue minutes, the share marked multiplier.</summary>
    public double MultiplierShare => Ratio(MultiplierMinutes, GlueMinutes);

    /// <summary>Of the glue minutes, the share that was someone else's work handed over.</summary>
    public double DelegatedShare => Ratio(DelegatedMinutes, GlueMinutes);

    public double GlueHours => GlueMinutes / 60.0;

    public static GlueSummary Of(IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        int meeting = 0, glue = 0, multiplier = 0, delegated = 0, confirmed = 0, unconfirmed = 0;
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var artifacts = new List<ArtifactEntry>();
        foreach (var record in records)
        {
            meeting += record.Minutes;
            if (record.Status != ActivityStatus.Confirmed || record.Confirmation is not { } confirmation)
            {
                unconfirmed++;
                continue;
            }
            confirmed++;
            if (confirmation.CategoryId == GlueCategories.NotGlueId)
            {
                continue;
            }
            glue += record.Minutes;
            byCategory[confirmation.CategoryId] = byCategory.GetValueOrDefault(confirmation.CategoryId) + record.Minutes;
            if (confirmation.Impact == Impact.Multiplier)
            {
                multiplier += record.Minutes;
            }
            if (confirmation.Delegated)
            {
                delegated += record.Minutes;
            }
            if (confirmation.ArtifactLink is { } link)
            {
                artifacts.Add(new ArtifactEntry(link, confirmation.ArtifactTitle, confirmation.CategoryId, confirmation.OutcomeNote, record.Start));
            }
        }
        return new GlueSummary(meeting, glue, byCategory, multiplier, delegated, confirmed, unconfirmed, artifacts);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

/// <summary>One week's summary inside a period.</summary>
public sealed record WeekSummary(IsoWeek Week, GlueSummary Summary);

/// <summary>A run of consecutive weeks: each week on its own (empty weeks included) and the whole.</summary>
public sealed record PeriodSummary(IsoWeek From, IsoWeek To, IReadOnlyList<WeekSummary> Weeks, GlueSummary Total)
{
    public static PeriodSummary Of(IsoWeek from, IsoWeek to, IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to}) before it starts ({from}).", nameof(to));
        }
        var inPeriod = records.Where(r => r.Week >= from && r.Week <= to).ToList();
        var byWeek = inPeriod.ToLookup(r => r.Week);
        var weeks = new List<WeekSummary>();
        for (var week = from; week <= to; week = week.Next)
        {
            weeks.Add(new WeekSummary(week, GlueSummary.Of(byWeek[week])));
        }
        return new PeriodSummary(from, to, weeks, GlueSummary.Of(inPeriod));
    }
}
