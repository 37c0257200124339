using System.Globalization;
using System.Text;
using GlueTeams.App.Team;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Summaries;

namespace GlueTeams.App.Export;

/// <summary>
/// What a manager sees in Team review, as CSV for calibration meetings: the team's mix, then each person, their
/// period (week column "2026-W37..2026-W48") and each week. A person who does not share is one row with their name and status, every other cell empty.
/// Cells go through <see cref="RecordsCsv.Cell"/>, so a name or note can never become a spreadsheet formula.
/// </summary>
public static class TeamCsv
{
    private static readonly IReadOnlyList<GlueCategory> s_glue = [.. GlueCategories.All.Where(c => c.IsGlue)];

    private static readonly string[] s_header =
    [
        "person", "status", "week", "glue_hours", "share_of_team", "multiplier_share", "share_of_meeting_time",
        .. s_glue.Select(c => c.Id + "_hours"), "signals",
    ];

    public const string TeamRowName = "Team (people who share)";

    public static string Render(TeamReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var csv = new StringBuilder();
        RecordsCsv.AppendRow(csv, s_header);
        var sharing = review.Members.Count(m => m.Period is not null);
        var status = $"{sharing} of {review.Members.Count} share";
        var period = $"{review.From}..{review.To}";
        RecordsCsv.AppendRow(csv, MixRow(status, period, review.Mix.Total));
        foreach (var week in review.Mix.Weeks)
        {
            RecordsCsv.AppendRow(csv, MixRow(status, week.Week.ToString(), week.Mix));
        }
        foreach (var member in review.Members)
        {
            if (member.Period is not { } shared)
            {
                RecordsCsv.AppendRow(csv, [member.DisplayName, member.Sharing, .. Enumerable.Repeat("", s_header.Length - 2)]);
                continue;
            }
            var share = review.Shares.FirstOrDefault(s => s.UserId == member.UserId)?.Share ?? 0;
            var signals = string.Join("; ", review.Signals.Where(s => s.UserId == member.UserId).Select(s => $"{s.From}..{s.To}: {s.Description}"));
            RecordsCsv.AppendRow(csv, SummaryRow(member.DisplayName, member.Sharing, period, shared.Total, Percent(share), signals));
            foreach (var week in shared.Weeks)
            {
                RecordsCsv.AppendRow(csv, SummaryRow(member.DisplayName, member.Sharing, week.Week.ToString(), week.Summary, "", ""));
            }
        }
        return csv.ToString();
    }

    private static string[] SummaryRow(string name, string status, string week, GlueSummary s, string shareOfTeam, string signals) =>
    [
        name, status, week, Hours(s.GlueMinutes), shareOfTeam, Percent(s.MultiplierShare), Percent(s.ShareOfMeetingTime),
        .. s_glue.Select(c => Hours(s.MinutesByCategory.GetValueOrDefault(c.Id))), signals,
    ];

    private static string[] MixRow(string status, string week, CategoryMix mix) =>
    [
        TeamRowName, status, week, Hours(mix.GlueMinutes), mix.GlueMinutes == 0 ? "" : "100%", Percent(mix.MultiplierShare), "",
        .. s_glue.Select(c => Hours(mix.MinutesByCategory.GetValueOrDefault(c.Id))), "",
    ];

    private static string Hours(int minutes) => (minutes / 60.0).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
