using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Summaries;

/// <summary>One team member's weeks, as the manager may see them (shared records only).</summary>
public sealed record MemberPeriod(string UserId, PeriodSummary Period);

/// <summary>A member's part of the team's glue hours over the whole period.</summary>
public sealed record MemberShare(string UserId, double GlueHours, double Share);

public enum SignalKind
{
    /// <summary>One person carries far more than an even share of the team's glue work, week after week.</summary>
    CarriesTeam,
    /// <summary>Glue work above the threshold share of meeting time, week after week: recognise it, or help say no.</summary>
    GlueHeavyWeeks,
}

/// <summary>A pattern worth a manager's attention, over a run of consecutive weeks, with its threshold in words.</summary>
public sealed record TeamSignal(string UserId, SignalKind Kind, IsoWeek From, IsoWeek To, string Description = "");

/// <summary>
/// The team view: who carries how much of the team's glue work, and the two signals. Pure. The members given are
/// those who share: a person who does not share is in no number. A team-relative signal needs
/// <see cref="MinMembersForCarry"/> of them, since with fewer it would point at one person whatever they did.
/// </summary>
public static class TeamSignals
{
    /// <summary>Sharing members needed before "carries the team" can be said of anyone.</summary>
    public const int MinMembersForCarry = 3;
    /// <summary>Consecutive weeks a pattern must last to count.</summary>
    public const int RunWeeks = 4;
    /// <summary>Glue time above this share of meeting time is heavy.</summary>
    public const double GlueHeavyShare = 0.4;
    /// <summary>"Far more than an even share": this many times the even share (capped for very small teams).</summary>
    public const double CarryFactor = 2.0;
    public const double MaxCarryShare = 0.75;

    public static IReadOnlyList<MemberShare> Shares(IReadOnlyList<MemberPeriod> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var total = members.Sum(m => m.Period.Total.GlueMinutes);
        return members
            .Select(m => new MemberShare(m.UserId, m.Period.Total.GlueHours, total == 0 ? 0 : (double)m.Period.Total.GlueMinutes / total))
            .ToList();
    }

    /// <summary>The share of a week's team glue minutes above which one person carries far more than their part.</summary>
    public static double CarryThreshold(int teamSize) => Math.Min(CarryFactor / Math.Max(teamSize, 1), MaxCarryShare);

    /// <summary>Every signal, at most one per member and kind: the latest run of at least <see cref="RunWeeks"/> weeks.</summary>
    public static IReadOnlyList<TeamSignal> Detect(IReadOnlyList<MemberPeriod> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var signals = new List<TeamSignal>();
        if (members.Count >= MinMembersForCarry)
        {
            var threshold = CarryThreshold(members.Count);
            var carries = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"More than {threshold * 100:0}% of the team's glue hours (twice an even share among {members.Count} people who share) in each of {RunWeeks} weeks running");
            var weeks = members[0].Period.Weeks.Select(w => w.Week).ToList();
            var teamMinutes = weeks.Select((_, i) => members.Sum(m => MinutesIn(m, i))).ToList();
            foreach (var member in members)
            {
                AddLatestRun(signals, member.UserId, SignalKind.CarriesTeam, carries, weeks,
                    i => teamMinutes[i] > 0 && (double)MinutesIn(member, i) / teamMinutes[i] > threshold);
            }
        }
        foreach (var member in members)
        {
            var weeks = member.Period.Weeks;
            AddLatestRun(signals, member.UserId, SignalKind.GlueHeavyWeeks, GlueHeavyDescription, weeks.Select(w => w.Week).ToList(),
                i => weeks[i].Summary.ShareOfMeetingTime > GlueHeavyShare);
        }
        return signals;
    }

    private static readonly string GlueHeavyDescription = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Glue work above {GlueHeavyShare * 100:0}% of meeting time in each of {RunWeeks} weeks running");

    private static int MinutesIn(MemberPeriod member, int weekIndex) =>
        weekIndex < member.Period.Weeks.Count ? member.Period.Weeks[weekIndex].Summary.GlueMinutes : 0;

    private static void AddLatestRun(List<TeamSignal> signals, string userId, SignalKind kind, string description, List<IsoWeek> weeks, Func<int, bool> holds)
    {
        TeamSignal? latest = null;
        var start = -1;
        for (var i = 0; i <= weeks.Count; i++)
        {
            if (i < weeks.Count && holds(i))
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start >= 0 && i - start >= RunWeeks)
            {
                latest = new TeamSignal(userId, kind, weeks[start], weeks[i - 1], description);
            }
            start = -1;
        }
        if (latest is not null)
        {
            signals.Add(latest);
        }
    }
}
