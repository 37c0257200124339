using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Summaries;

[TestClass]
public sealed class GlueSummaryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static int s_next;

    private static ActivityRecord Record(int minutes, string? confirmed = null, Impact impact = Impact.OneOff, bool delegated = false, string? link = null, IsoWeek? week = null) => new()
    {
        TenantId = "t",
        UserId = "u",
        EventKey = "e" + Interlocked.Increment(ref s_next),
        Week = week ?? new IsoWeek(2026, 47),
        Start = Monday,
        End = Monday.AddMinutes(minutes),
        Title = "x",
        Status = confirmed is null ? ActivityStatus.Suggested : ActivityStatus.Confirmed,
        Confirmation = confirmed is null ? null : new Confirmation(confirmed, impact, link is null ? null : new Uri(link), "Doc", "Outcome", delegated, true, Monday),
    };

    [TestMethod]
    public void Of_MixedRecords_AddsUp()
    {
        var summary = GlueSummary.Of(
        [
            Record(60, "mentoring", Impact.Multiplier),
            Record(30, "mentoring"),
            Record(90, "design-review", Impact.Multiplier, delegated: true, link: "https://docs.example.com/adr-7"),
            Record(120, "not-glue"),
            Record(60), // suggested only: meeting time, not glue
        ]);
        Assert.AreEqual(360, summary.MeetingMinutes);
        Assert.AreEqual(180, summary.GlueMinutes);
        Assert.AreEqual(3.0, summary.GlueHours, 1e-9);
        Assert.AreEqual(90, summary.MinutesByCategory["mentoring"]);
        Assert.AreEqual(90, summary.MinutesByCategory["design-review"]);
        Assert.IsFalse(summary.MinutesByCategory.ContainsKey("not-glue"));
        Assert.AreEqual(0.5, summary.ShareOfMeetingTime, 1e-9);
        Assert.AreEqual(150.0 / 180, summary.MultiplierShare, 1e-9);
        Assert.AreEqual(0.5, summary.DelegatedShare, 1e-9);
        Assert.AreEqual(4, summary.ConfirmedCount);
        Assert.AreEqual(1, summary.UnconfirmedCount);
        Assert.AreEqual(new Uri("https://docs.example.com/adr-7"), summary.Artifacts.Single().Link);
    }

    [TestMethod]
    public void Of_NothingConfirmed_SharesAreZeroNotNaN()
    {
        var summary = GlueSummary.Of([Record(30)]);
        Assert.AreEqual(0, summary.GlueMinutes);
        Assert.AreEqual(0, summary.ShareOfMeetingTime);
        Assert.AreEqual(0, summary.MultiplierShare);
        Assert.AreEqual(0, GlueSummary.Of([]).ShareOfMeetingTime);
    }

    [TestMethod]
    public void PeriodOf_IncludesEmptyWeeksAndIgnoresOutside()
    {
        var period = PeriodSummary.Of(new IsoWeek(2026, 52), new IsoWeek(2027, 2),
        [
            Record(60, "hiring", week: new IsoWeek(2026, 52)),
            Record(45, "incident", week: new IsoWeek(2027, 2)),
            Record(600, "incident", week: new IsoWeek(2027, 3)),
        ]);
        Assert.AreEqual(4, period.Weeks.Count); // 2026 has 53 weeks
        Assert.AreEqual(new IsoWeek(2026, 53), period.Weeks[1].Week);
        Assert.AreEqual(0, period.Weeks[1].Summary.MeetingMinutes);
        Assert.AreEqual(105, period.Total.GlueMinutes);
        Assert.AreEqual(period.Weeks.Sum(w => w.Summary.GlueMinutes), period.Total.GlueMinutes);
    }

    [TestMethod]
    public void PeriodOf_EndBeforeStart_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => PeriodSummary.Of(new IsoWeek(2026, 5), new IsoWeek(2026, 4), []));
}
