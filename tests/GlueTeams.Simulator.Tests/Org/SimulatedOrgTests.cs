using System.Diagnostics;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Tests.Org;

[TestClass]
public sealed class SimulatedOrgTests
{
    private static readonly IsoWeek s_week = new(2026, 48);

    [TestMethod]
    public void Generate_SameSeed_SameOrgAndSameWeeks()
    {
        var first = SimulatedOrg.Generate(7, 150);
        var second = SimulatedOrg.Generate(7, 150);

        CollectionAssert.AreEqual(first.Users.Select(u => (u.Id, u.DisplayName, u.ManagerId, u.TimeZone)).ToList(),
            second.Users.Select(u => (u.Id, u.DisplayName, u.ManagerId, u.TimeZone)).ToList());
        foreach (var user in first.Users.Take(20))
        {
            CollectionAssert.AreEqual(Describe(new SimulatedCalendars(first).EventsFor(user.Id, s_week)),
                Describe(new SimulatedCalendars(second).EventsFor(user.Id, s_week)), user.DisplayName);
        }
    }

    [TestMethod]
    public void Generate_OtherSeed_OtherPeople()
    {
        var first = SimulatedOrg.Generate(7, 150);
        var other = SimulatedOrg.Generate(8, 150);

        Assert.AreNotEqual(first.Users[10].Id, other.Users[10].Id);
    }

    [TestMethod]
    public void Generate_DemoUserIsAnEngineerWithAManagerAndAFullCalendar()
    {
        var org = SimulatedOrg.Generate(42, 150);
        var demo = org.Find("00000000-0000-0000-0000-0000000000020");

        Assert.IsNotNull(demo);
        Assert.AreEqual(OrgRole.Engineer, demo.Role);
        Assert.IsNotNull(demo.ManagerId);
        Assert.AreEqual("00000000-0000-0000-0000-0000000000001", SimulatedOrg.TenantId);
        Assert.IsGreaterThanOrEqualTo(15, new SimulatedCalendars(org).EventsFor(demo.Id, s_week).Count);
    }

    [TestMethod]
    public void Generate_EveryoneButTheDirectorsHasAManagerWhoListsThemAsADirectReport()
    {
        var org = SimulatedOrg.Generate(42, 150);

        Assert.IsTrue(org.Users.Where(u => u.Role == OrgRole.Director).All(u => u.ManagerId is null));
        foreach (var user in org.Users.Where(u => u.Role != OrgRole.Director))
        {
            var manager = org.Get(user.ManagerId!);
            Assert.AreEqual(user.Role == OrgRole.Engineer ? OrgRole.Manager : OrgRole.Director, manager.Role);
            CollectionAssert.Contains(manager.DirectReportIds.ToList(), user.Id);
        }
    }

    [TestMethod]
    public void Weeks_HaveEveryKindOfMeetingAndThePeculiaritiesOfRealCalendars()
    {
        var org = SimulatedOrg.Generate(42, 150);
        var calendars = new SimulatedCalendars(org);
        var events = org.Users.SelectMany(u => calendars.EventsFor(u.Id, s_week)).ToList();

        foreach (var category in GlueCategories.All)
        {
            Assert.IsTrue(events.Any(e => e.Label == category.Id), $"no event labelled {category.Id}");
        }
        Assert.IsTrue(events.Any(e => e.Sensitivity == "private"), "private appointments");
        Assert.IsTrue(events.Any(e => e.IsAllDay), "all-day events");
        Assert.IsTrue(events.Any(e => e.ShowAs == "free"), "showAs free");
        Assert.IsTrue(events.Any(e => e.IsCancelled), "cancelled meetings");
        Assert.IsTrue(events.Any(e => e.Response == "declined"), "declined meetings");
        Assert.IsTrue(events.Any(e => e.Type == "occurrence" && e.SeriesMasterId is not null), "occurrences of series");
        Assert.IsTrue(events.Any(e => e.Type == "exception"), "exceptions of series");
        Assert.IsTrue(events.Any(e => e.Categories.Any(c => c.StartsWith("Glue: ", StringComparison.Ordinal))), "Glue: categories");
        Assert.IsTrue(events.Any(e => e.Subject.Contains("<>", StringComparison.Ordinal)) && events.Any(e => e.Subject.Contains(" w/ ", StringComparison.Ordinal))
            && events.Any(e => e.Subject.Contains('|', StringComparison.Ordinal)), "separators in titles");
        Assert.IsGreaterThanOrEqualTo(5, org.Users.Select(u => u.TimeZone).Distinct().Count());
        Assert.IsGreaterThanOrEqualTo(100, events.Select(e => e.Subject).Distinct().Count());
        Assert.HasCount(events.Count, events.Select(e => e.ICalUId).Distinct().ToList(), "iCalUId is distinct per occurrence");
    }

    [TestMethod]
    public void Weeks_FallInsideTheOwnersLocalIsoWeek()
    {
        var org = SimulatedOrg.Generate(42, 150);
        var calendars = new SimulatedCalendars(org);
        foreach (var user in org.Users.Where(u => u.TimeZone is "Asia/Tokyo" or "America/Los_Angeles"))
        {
            var (start, end) = s_week.Bounds(TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone));
            Assert.IsTrue(calendars.EventsFor(user.Id, s_week).All(e => e.Start >= start && e.End <= end), user.TimeZone);
        }
    }

    [TestMethod]
    public void Generation_ThousandUsersOfATenThousandPersonOrg_WellUnderASecond()
    {
        var org = SimulatedOrg.Generate(42, 10_000);
        var calendars = new SimulatedCalendars(org);
        calendars.EventsFor(org.Users[^1].Id, s_week);
        // Processor time, not wall time: the suites share a loaded machine.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var count = org.Users.Take(1_000).Sum(u => calendars.EventsFor(u.Id, s_week).Count);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine($"1,000 users' weeks of a 10,000-person org: {count} events, {cpu.TotalMilliseconds:F0} ms CPU, {wall.ElapsedMilliseconds} ms wall");
        Assert.IsGreaterThan(15_000, count);
        Assert.IsLessThan(TimeSpan.FromSeconds(1), cpu);
    }

    private static List<string> Describe(IEnumerable<SimulatedEvent> events) =>
        events.Select(e => $"{e.Id}|{e.ICalUId}|{e.Subject}|{e.Start:o}|{e.End:o}|{e.Label}|{e.Type}|{e.Response}").ToList();
}
