using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Summaries;

[TestClass]
public sealed class GlueSummaryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static int s_next;

    /// <summary>A meeting with someone else; each new one starts a day after the last, so that none overlap unless asked.</summary>
    private static ActivityRecord Record(int minutes, string? confirmed = null, Impact impact = Impact.OneOff, bool delegated = false, string? link = null,
        IsoWeek? week = null, DateTimeOffset? start = null, bool ownBlock = false)
    {
        var n = Interlocked.Increment(ref s_next);
        var at = start ?? (week is { } w ? w.Bounds(TimeZoneInfo.Utc).Start.AddHours(9) : Monday.AddDays(n % 5).AddHours(n % 7));
        return new()
        {
            TenantId = "t",
            UserId = "u",
            EventKey = "e" + n,
            Week = week ?? IsoWeek.Containing(at, TimeZoneInfo.Utc),
            Start = at,
            End = at.AddMinutes(minutes),
            Title = "x",
            IsOrganizer = ownBlock,
            AttendeeCount = ownBlock ? 0 : 3,
            Status = confirmed is null ? ActivityStatus.Suggested : ActivityStatus.Confirmed,
            Confirmation = confirmed is null ? null : new Confirmation(confirmed, impact, link is null ? null : new Uri(link), "Doc", "Outcome", delegated, true, Monday),
        };
    }

    private static DateTimeOffset At(int hour, int minute = 0) => Monday.Date.AddHours(hour).AddMinutes(minute) is var d ? new DateTimeOffset(d, TimeSpan.Zero) : default;

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
    [DataRow(ActivitySource.Manual)]
    [DataRow(ActivitySource.Message)]
    public void Of_LoggedWork_IsGlueTimeNotMeetingTime_AndAddsUpEvenWhenItsStandInTimeOverlaps(ActivitySource source)
    {
        // A 60-minute glue meeting 10:00-11:00; two logged entries whose stand-in times overlap it and each other.
        var meeting = Record(60, "mentoring", start: At(10));
        var guide = Record(120, "onboarding", Impact.Multiplier, start: At(9, 30)) with { Source = source, IsOrganizer = true, AttendeeCount = 0 };
        var answers = Record(45, "knowledge-sharing", start: At(10)) with { Source = source, IsOrganizer = true, AttendeeCount = 0 };
        var unconfirmed = Record(30, start: At(10)) with { Source = source };

        var summary = GlueSummary.Of([meeting, guide, answers, unconfirmed]);

        Assert.AreEqual(60, summary.MeetingMinutes, "logged work is never meeting time");
        Assert.AreEqual(60 + 120 + 45, summary.GlueMinutes, "logged work is time spent: added, never merged");
        Assert.AreEqual(120, summary.MinutesByCategory["onboarding"]);
        Assert.AreEqual(45, summary.MinutesByCategory["knowledge-sharing"]);
        Assert.AreEqual(60, summary.MinutesByCategory["mentoring"]);
        Assert.AreEqual(120, summary.MultiplierMinutes);
        Assert.AreEqual(60, summary.GlueMeetingMinutes);
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
    public void Of_OverlappingMeetings_CountEachMinuteOnce_AndSplitItBetweenTheGlueCategories()
    {
        // Two glue meetings 10:00-11:00 and 10:30-11:30, and a non-glue meeting inside the first.
        var summary = GlueSummary.Of(
        [
            Record(60, "mentoring", Impact.Multiplier, start: At(10)),
            Record(60, "hiring", start: At(10, 30)),
            Record(15, "not-glue", start: At(10, 15)),
        ]);

        Assert.AreEqual(90, summary.MeetingMinutes);
        Assert.AreEqual(90, summary.GlueMinutes);
        Assert.AreEqual(45, summary.MinutesByCategory["mentoring"]); // 30 alone + half of the shared 30
        Assert.AreEqual(45, summary.MinutesByCategory["hiring"]);
        Assert.AreEqual(45, summary.MultiplierMinutes);
        Assert.AreEqual(1.0, summary.ShareOfMeetingTime, 1e-9);
    }

    [TestMethod]
    public void Of_BackToBackMeetings_AddUpWithoutAGapOrADoubleMinute()
    {
        var summary = GlueSummary.Of([Record(30, "mentoring", start: At(9)), Record(30, "onboarding", start: At(9, 30)), Record(60, start: At(10))]);

        Assert.AreEqual(120, summary.MeetingMinutes);
        Assert.AreEqual(60, summary.GlueMinutes);
        Assert.AreEqual(0.5, summary.ShareOfMeetingTime, 1e-9);
    }

    [TestMethod]
    public void Of_PrivateBlockAndFocusTime_AreNotMeetingTime_ButConfirmedGlueInThemCounts()
    {
        var focus = Record(120, start: At(8), ownBlock: true);
        var privateBlock = Record(60, start: At(13), ownBlock: true) with { IsRedacted = true, Title = ActivityRecord.RedactedTitle };
        var writingTheGuide = Record(60, "onboarding", start: At(15), ownBlock: true);
        var meeting = Record(60, "mentoring", start: At(10));

        var summary = GlueSummary.Of([focus, privateBlock, writingTheGuide, meeting]);

        Assert.AreEqual(60, summary.MeetingMinutes);
        Assert.AreEqual(120, summary.GlueMinutes);
        Assert.AreEqual(60, summary.GlueMeetingMinutes);
        Assert.AreEqual(1.0, summary.ShareOfMeetingTime, 1e-9);
    }

    [TestMethod]
    public void Of_AnInviteFromSomeoneElse_IsAMeetingEvenWithNoAttendeesListed() =>
        Assert.AreEqual(30, GlueSummary.Of([Record(30, start: At(9)) with { IsOrganizer = false, AttendeeCount = 0 }]).MeetingMinutes);

    [TestMethod]
    public void Of_MultiDayMeeting_CountsItsRealLengthOnce_AndAbsorbsMeetingsInsideIt()
    {
        var offsite = Record(2 * 24 * 60, "coordination", start: At(9)); // Monday 09:00 to Wednesday 09:00
        var inside = Record(60, "mentoring", start: At(9).AddDays(1));

        var summary = GlueSummary.Of([offsite, inside]);

        Assert.AreEqual(2 * 24 * 60, summary.MeetingMinutes);
        Assert.AreEqual(2 * 24 * 60, summary.GlueMinutes);
        Assert.AreEqual(30, summary.MinutesByCategory["mentoring"]);
    }

    [TestMethod]
    public void Of_MeetingAcrossTheDaylightSavingChange_CountsTheTimeThatPassed()
    {
        // Berlin, Sunday 25 Oct 2026: 01:30 CEST to 02:30 CET is one hour on the wall clock and two in fact.
        var start = new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(2));
        var end = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1));
        var record = Record(0, "incident", start: start) with { End = end };

        Assert.AreEqual(120, GlueSummary.Of([record]).MeetingMinutes);
    }

    [TestMethod]
    public void AllDayEvents_NeverBecomeRecords_SoTheyAreNoMeetingTime()
    {
        var allDay = new GlueTeams.Core.Suggestions.CalendarEvent
        {
            Id = "a1", Subject = "Conference", Start = At(0), End = At(0).AddDays(1), IsAllDay = true,
        };
        var owner = new GlueTeams.Core.Ingestion.CalendarOwner("t", "u", TimeZoneInfo.Utc, null);

        Assert.IsNull(GlueTeams.Core.Ingestion.CalendarIngestion.ToRecord(allDay, owner, new GlueTeams.Core.Suggestions.SuggestionContext("u@contoso.com", null, GlueTeams.Core.Suggestions.ConfirmationHistory.Empty, GlueTeams.Core.Suggestions.TenantModel.Empty), Monday));
    }

    [TestMethod]
    public void PeriodOf_EndBeforeStart_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => PeriodSummary.Of(new IsoWeek(2026, 5), new IsoWeek(2026, 4), []));
}
