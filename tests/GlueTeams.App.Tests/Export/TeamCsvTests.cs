using GlueTeams.App.Export;
using GlueTeams.App.Team;
using GlueTeams.Core.Sharing;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Export;

/// <summary>The team CSV: names and notes that look like formulas stay text; a person who does not share is their name and status.</summary>
[TestClass]
public sealed class TeamCsvTests
{
    [TestMethod]
    public void NamesThatStartAFormula_AreQuotedOut_AndNotSharingIsNameAndStatusOnly()
    {
        var week = IsoWeek.Parse("2026-W48");
        var records = SimulatedRecords.Weeks("t", "a", week, week);
        var period = ManagerView.Of(week, week, records).Period!;
        var members = new List<MemberReview>
        {
            new("a", "=HYPERLINK(\"https://evil.example\",\"x\")", SharingStatus.Sharing, period),
            new("b", "@SUM(1+1)", SharingStatus.NotSharing, null),
            new("c", "-Bob", SharingStatus.NotInstalled, null),
        };
        var shared = new List<MemberPeriod> { new("a", period) };
        var review = new TeamReview(week, week, members, TeamSignals.Shares(shared), TeamSignals.Detect(shared), TeamMix.Of(week, week, shared));

        var lines = TeamCsv.Render(review).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.IsTrue(lines.Any(l => l.StartsWith("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",sharing,", StringComparison.Ordinal)), string.Join('\n', lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("'@SUM(1+1),not-sharing,,,", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.StartsWith("'-Bob,not-installed,,,", StringComparison.Ordinal)));
        Assert.IsFalse(lines.Any(l => l.Length > 0 && l[0] is '=' or '+' or '-' or '@'), "no line starts a formula");
    }
}
