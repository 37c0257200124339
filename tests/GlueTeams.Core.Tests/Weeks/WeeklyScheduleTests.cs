using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Weeks;

[TestClass]
public sealed class WeeklyScheduleTests
{
    private static WeeklySchedule FridayAt(int hour, string zone, int minute = 0) =>
        new(DayOfWeek.Friday, new TimeOnly(hour, minute), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [TestMethod]
    public void NextAfter_EarlierInTheWeek_IsThisFriday()
    {
        var next = FridayAt(15, "Europe/Berlin").NextAfter(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        Assert.AreEqual(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(1)), next);
    }

    [TestMethod]
    public void NextAfter_ExactlyAtTheTime_IsNextWeek()
    {
        var at = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(1));
        Assert.AreEqual(at.AddDays(7), FridayAt(15, "Europe/Berlin").NextAfter(at));
        Assert.AreEqual(at, FridayAt(15, "Europe/Berlin").NextAfter(at.AddTicks(-1)));
    }

    [TestMethod]
    public void NextAfter_SameInstant_DependsOnTheUsersZone()
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero); // Friday noon UTC
        Assert.AreEqual(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(-8)), FridayAt(15, "America/Los_Angeles").NextAfter(now));
        // 15:00 Friday in Tokyo (06:00 UTC) has passed: next week.
        Assert.AreEqual(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.FromHours(9)), FridayAt(15, "Asia/Tokyo").NextAfter(now));
    }

    [TestMethod]
    public void NextAfter_AcrossDstChange_KeepsTheLocalTime()
    {
        // Berlin leaves summer time on Sunday 25 October 2026: the card stays at 15:00 local.
        var before = FridayAt(15, "Europe/Berlin").NextAfter(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero));
        var after = FridayAt(15, "Europe/Berlin").NextAfter(before);
        Assert.AreEqual(TimeSpan.FromHours(2), before.Offset);
        Assert.AreEqual(TimeSpan.FromHours(1), after.Offset);
        Assert.AreEqual(15, after.Hour);
        Assert.AreEqual(TimeSpan.FromHours(7 * 24 + 1), after - before);
    }

    [TestMethod]
    public void NextAfter_SkippedLocalTime_FiresAtTheFirstValidMinute()
    {
        // Sunday 29 March 2026 02:30 does not exist in Berlin.
        var schedule = new WeeklySchedule(DayOfWeek.Sunday, new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var next = schedule.NextAfter(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.AreEqual(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [TestMethod]
    public void NextAfter_RepeatedLocalTime_FiresOnce()
    {
        // Sunday 1 November 2026 01:30 happens twice in Los Angeles.
        var schedule = new WeeklySchedule(DayOfWeek.Sunday, new TimeOnly(1, 30), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        var first = schedule.NextAfter(new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.AreEqual(new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-7)), first);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 8, 1, 30, 0, TimeSpan.FromHours(-8)), schedule.NextAfter(first));
    }
}
