using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Summaries;

/// <summary>Glue minutes per category, and the multiplier part of them, summed over the people who share.</summary>
public sealed record CategoryMix(int GlueMinutes, int MultiplierMinutes, IReadOnlyDictionary<string, int> MinutesByCategory)
{
    /// <summary>Of the glue minutes, the share marked multiplier; 0 when there were none.</summary>
    public double MultiplierShare => GlueMinutes == 0 ? 0 : (double)MultiplierMinutes / GlueMinutes;

    public static CategoryMix Sum(IEnumerable<GlueSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        int glue = 0, multiplier = 0;
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            glue += summary.GlueMinutes;
            multiplier += summary.MultiplierMinutes;
            foreach (var (category, minutes) in summary.MinutesByCategory)
            {
                byCategory[category] = byCategory.GetValueOrDefault(category) + minutes;
            }
        }
        return new CategoryMix(glue, multiplier, byCategory);
    }
}

/// <summary>One week of the team's mix.</summary>
public sealed record WeekMix(IsoWeek Week, CategoryMix Mix);

/// <summary>
/// The team's category mix over time: each person's own minutes (overlaps merged per person, never across people:
/// two people in the same meeting both spent the hour), added up week by week. Only the people who share are given,
/// so a person who does not share is in no number. Pure.
/// </summary>
public sealed record TeamMix(IReadOnlyList<WeekMix> Weeks, CategoryMix Total)
{
    public static TeamMix Of(IsoWeek from, IsoWeek to, IReadOnlyList<MemberPeriod> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var weeks = new List<WeekMix>();
        for (var week = from; week <= to; week = week.Next)
        {
            var current = week;
            weeks.Add(new WeekMix(week, CategoryMix.Sum(members.SelectMany(m => m.Period.Weeks).Where(w => w.Week == current).Select(w => w.Summary))));
        }
        return new TeamMix(weeks, CategoryMix.Sum(members.Select(m => m.Period.Total)));
    }
}
