using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Weeks;

[TestClass]
public sealed class IsoWeekTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [TestMethod]
    [DataRow("2026-W47", 2026, 47)]
    [DataRow("2020-W53", 2020, 53)]
    [DataRow("2026-w01", 2026, 1)]
    public void Parse_ValidText_ReadsYearAndWeek(string text, int year, int week) =>
        Assert.AreEqual(new IsoWeek(year, week), IsoWeek.Parse(text));

    [TestMethod]
    [DataRow("")]
    [DataRow("2026-47")]
    [DataRow("2026-W00")]
    [DataRow("2026-W54")]
    [DataRow("2025-W53")] // 2025 has 52 ISO weeks
    [DataRow("abcd-W01")]
    [DataRow("2026-W1x")]
    [DataRow("2026-W-1")]
    [DataRow("0000-W01")]
    public void TryParse_InvalidText_Fails(string text) => Assert.IsFalse(IsoWeek.TryParse(text, out _));

    [TestMethod]
    public void ToString_PadsSoThatTextSortsInWeekOrder()
    {
        Assert.AreEqual("2026-W07", new IsoWeek(2026, 7).ToString());
        Assert.IsLessThan(0, string.CompareOrdinal(new IsoWeek(2026, 7).ToString(), new IsoWeek(2026, 10).ToString()));
    }

    [TestMethod]
    public void FromDate_YearBoundary_FollowsIso()
    {
        Assert.AreEqual(new IsoWeek(2026, 1), IsoWeek.FromDate(new DateOnly(2025, 12, 29)));
        Assert.AreEqual(new IsoWeek(2020, 53), IsoWeek.FromDate(new DateOnly(2021, 1, 3)));
        Assert.AreEqual(new IsoWeek(2021, 1), IsoWeek.FromDate(new DateOnly(2021, 1, 4)));
    }

    [TestMethod]
    public void NextAndPrevious_CrossYears()
    {
        Assert.AreEqual(new IsoWeek(2021, 1), new IsoWeek(2020, 53).Next);
        Assert.AreEqual(new IsoWeek(2020, 53), new IsoWeek(2021, 1).Previous);
        Assert.AreEqual(new IsoWeek(2027, 2), new IsoWeek(2026, 50).AddWeeks(5));
    }

    [TestMethod]
    public void Bounds_BerlinSpringForward_WeekIs167Hours()
    {
        // Clocks go from 02:00 to 03:00 on Sunday 29 March 2026.
        var (start, end) = new IsoWeek(2026, 13).Bounds(Zone("Europe/Berlin"));
        Assert.AreEqual(new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.FromHours(1)), start);
        Assert.AreEqual(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)), end);
        Assert.AreEqual(TimeSpan.FromHours(167), end - start);
    }

    [TestMethod]
    public void Bounds_LosAngelesFallBack_WeekIs169Hours()
    {
        // Clocks go from 02:00 back to 01:00 on Sunday 1 November 2026.
        var (start, end) = new IsoWeek(2026, 44).Bounds(Zone("America/Los_Angeles"));
        Assert.AreEqual(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(-7)), start);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(-8)), end);
        Assert.AreEqual(TimeSpan.FromHours(169), end - start);
    }

    [TestMethod]
    public void Bounds_SydneyEndsDaylightSavingInApril_WeekIs169Hours()
    {
        // Southern hemisphere: clocks go back from 03:00 to 02:00 on Sunday 5 April 2026.
        var (start, end) = new IsoWeek(2026, 14).Bounds(Zone("Australia/Sydney"));
        Assert.AreEqual(TimeSpan.FromHours(11), start.Offset);
        Assert.AreEqual(TimeSpan.FromHours(10), end.Offset);
        Assert.AreEqual(TimeSpan.FromHours(169), end - start);
    }

    [TestMethod]
    public void Containing_SameInstant_DiffersByZoneAtWeekEdge()
    {
        // Sunday 22 Nov 2026 23:30 in Los Angeles is already Monday in Berlin and Tokyo.
        var instant = new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);
        Assert.AreEqual(new IsoWeek(2026, 47), IsoWeek.Containing(instant, Zone("America/Los_Angeles")));
        Assert.AreEqual(new IsoWeek(2026, 48), IsoWeek.Containing(instant, Zone("Europe/Berlin")));
        Assert.AreEqual(new IsoWeek(2026, 48), IsoWeek.Containing(instant, Zone("Asia/Tokyo")));
    }

    [TestMethod]
    public void Contains_StartIsInsideAndEndIsOutside()
    {
        var zone = Zone("Europe/Berlin");
        var week = new IsoWeek(2026, 13);
        var (start, end) = week.Bounds(zone);
        Assert.IsTrue(week.Contains(start, zone));
        Assert.IsTrue(week.Contains(end.AddTicks(-1), zone));
        Assert.IsFalse(week.Contains(end, zone));
    }

    [TestMethod]
    public void Bounds_MidnightSkippedByDst_StartsAtFirstValidInstant()
    {
        // Chile (America/Santiago) moves its clocks at midnight; whatever the zone, a week starts on its Monday,
        // within the first hour, at a valid local time.
        var zone = Zone("America/Santiago");
        for (var week = new IsoWeek(2026, 1); week < new IsoWeek(2027, 1); week = week.Next)
        {
            var (start, _) = week.Bounds(zone);
            var local = TimeZoneInfo.ConvertTime(start, zone);
            Assert.AreEqual(week.Monday, DateOnly.FromDateTime(local.DateTime), $"{week} starts on its Monday");
            Assert.IsLessThan(TimeSpan.FromHours(1.01), local.TimeOfDay, $"{week} starts within the first hour");
        }
    }
}
