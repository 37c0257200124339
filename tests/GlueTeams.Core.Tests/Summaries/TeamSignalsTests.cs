using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Summaries;

[TestClass]
public sealed class TeamSignalsTests
{
    private static readonly IsoWeek s_from = new(2026, 1);

    /// <summary>A member whose week i has glue[i] hours of glue work out of meetings[i] hours of meetings.</summary>
    private static MemberPeriod Member(string id, int[] glue, int[]? meetings = null)
    {
        var records = new List<ActivityRecord>();
        for (var i = 0; i < glue.Length; i++)
        {
            var week = s_from.AddWeeks(i);
            var monday = new DateTimeOffset(week.Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var total = meetings?[i] ?? 10;
            for (var h = 0; h < total; h++)
            {
                var confirmation = new Confirmation(h < glue[i] ? "mentoring" : "not-glue", Impact.OneOff, null, null, null, false, true, monday);
                records.Add(new ActivityRecord
                {
                    TenantId = "t", UserId = id, EventKey = $"{i}-{h}", Week = week, Start = monday.AddHours(h), End = monday.AddHours(h + 1),
                    Title = "m", Status = ActivityStatus.Confirmed, Confirmation = confirmation,
                });
            }
        }
        return new MemberPeriod(id, PeriodSummary.Of(s_from, s_from.AddWeeks(glue.Length - 1), records));
    }

    [TestMethod]
    public void Shares_AreEachMembersPartOfTheTeamsGlueHours()
    {
        var shares = TeamSignals.Shares([Member("a", [3, 3]), Member("b", [1, 1]), Member("c", [0, 0])]);
        CollectionAssert.AreEqual(new[] { 0.75, 0.25, 0.0 }, shares.Select(s => s.Share).ToArray());
        Assert.AreEqual(6.0, shares[0].GlueHours);
    }

    [TestMethod]
    public void Shares_NoGlueWorkAtAll_AreZeroNotNaN() =>
        Assert.IsTrue(TeamSignals.Shares([Member("a", [0]), Member("b", [0])]).All(s => s.Share == 0));

    [TestMethod]
    public void CarriesTeam_FourWeeksAboveTwiceAnEvenShare_IsSignalledWithItsWeeks()
    {
        // Four members: an even share is 25%; a carries 70% in weeks 2..5.
        var signals = TeamSignals.Detect([Member("a", [1, 7, 7, 7, 7, 1], Enumerable.Repeat(40, 6).ToArray()), Member("b", [1, 1, 1, 1, 1, 1]), Member("c", [1, 1, 1, 1, 1, 1]), Member("d", [1, 1, 1, 1, 1, 1])]);
        var carry = signals.Single(s => s.Kind == SignalKind.CarriesTeam);
        Assert.AreEqual("a", carry.UserId);
        Assert.AreEqual(s_from.AddWeeks(1), carry.From);
        Assert.AreEqual(s_from.AddWeeks(4), carry.To);
    }

    [TestMethod]
    public void CarriesTeam_ThreeWeeksOnly_IsNotSignalled() =>
        Assert.IsFalse(TeamSignals.Detect([Member("a", [7, 7, 7, 1], Enumerable.Repeat(40, 4).ToArray()), Member("b", [1, 1, 1, 1]), Member("c", [1, 1, 1, 1]), Member("d", [1, 1, 1, 1])])
            .Any(s => s.Kind == SignalKind.CarriesTeam));

    [TestMethod]
    public void CarriesTeam_SaysItsThresholdInWords()
    {
        var carry = TeamSignals.Detect([Member("a", [7, 7, 7, 7], Enumerable.Repeat(40, 4).ToArray()), Member("b", [1, 1, 1, 1]), Member("c", [1, 1, 1, 1]), Member("d", [1, 1, 1, 1])])
            .Single(s => s.Kind == SignalKind.CarriesTeam);
        Assert.AreEqual("More than 50% of the team's glue hours (twice an even share among 4 people who share) in each of 4 weeks running", carry.Description);
    }

    [TestMethod]
    public void CarriesTeam_WithOnlyTwoPeopleSharing_IsNeverSignalled() =>
        Assert.IsFalse(TeamSignals.Detect([Member("a", [9, 9, 9, 9], Enumerable.Repeat(40, 4).ToArray()), Member("b", [1, 1, 1, 1])])
            .Any(s => s.Kind == SignalKind.CarriesTeam));

    [TestMethod]
    public void CarriesTeam_AloneInATeam_IsNotSignalled() =>
        Assert.IsFalse(TeamSignals.Detect([Member("a", [5, 5, 5, 5])]).Any(s => s.Kind == SignalKind.CarriesTeam));

    [TestMethod]
    public void CarryThreshold_IsTwiceAnEvenShareCappedForSmallTeams()
    {
        Assert.AreEqual(0.5, TeamSignals.CarryThreshold(4));
        Assert.AreEqual(0.75, TeamSignals.CarryThreshold(2));
    }

    [TestMethod]
    public void GlueHeavy_FourWeeksAbove40PercentOfMeetings_IsSignalled()
    {
        var signals = TeamSignals.Detect([Member("a", [5, 5, 5, 5], [10, 10, 10, 10])]);
        var heavy = signals.Single(s => s.Kind == SignalKind.GlueHeavyWeeks);
        Assert.AreEqual("Glue work above 40% of meeting time in each of 4 weeks running", heavy.Description);
        Assert.AreEqual(s_from, heavy.From);
        Assert.AreEqual(s_from.AddWeeks(3), heavy.To);
    }

    [TestMethod]
    public void GlueHeavy_Exactly40PercentOrABreakInTheRun_IsNotSignalled()
    {
        Assert.IsFalse(TeamSignals.Detect([Member("a", [4, 4, 4, 4, 4])]).Any());
        Assert.IsFalse(TeamSignals.Detect([Member("a", [5, 5, 5, 3, 5, 5, 5])]).Any());
    }

    [TestMethod]
    public void GlueHeavy_TwoRuns_ReportsTheLatest()
    {
        var heavy = TeamSignals.Detect([Member("a", [5, 5, 5, 5, 0, 6, 6, 6, 6, 6])]).Single();
        Assert.AreEqual(s_from.AddWeeks(5), heavy.From);
        Assert.AreEqual(s_from.AddWeeks(9), heavy.To);
    }
}
