using GlueTeams.Testing;
using System.Diagnostics;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Calendars;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Graph.Tests.Calendars;

[TestClass]
public sealed class CalendarReaderTests
{
    private static readonly IsoWeek s_week = new(2026, 48);

    [TestMethod]
    public async Task ReadWeek_FollowsEveryPage_AndNeverAsksForTheBody()
    {
        await using var graph = await SimulatedGraph.StartAsync(pageSize: 5);
        var user = graph.Tenant.Org.DemoUser;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);

        var events = await graph.Calendars.ReadWeekAsync(new WeekRequest(user.Id, s_week, zone));

        Assert.IsGreaterThanOrEqualTo(3L, graph.Tenant.Counters.Of("calendarView"));
        CollectionAssert.AreEqual(Expected(graph, user), events.Select(e => e.Id).ToList());
        Assert.AreEqual(0L, graph.Tenant.Counters.BodiesReturned);
        Assert.AreEqual(graph.Tenant.Counters.Total, graph.Counters.RequestsSent);
    }

    [TestMethod]
    public async Task ReadWeek_MapsGraphFieldsToCalendarEvent()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var user = graph.Tenant.Org.DemoUser;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
        var simulated = graph.Tenant.Calendars.EventsFor(user.Id, s_week);

        var events = (await graph.Calendars.ReadWeekAsync(new WeekRequest(user.Id, s_week, zone))).ToDictionary(e => e.Id);

        foreach (var expected in simulated)
        {
            var actual = events[expected.Id];
            Assert.AreEqual(expected.Subject, actual.Subject);
            Assert.AreEqual(expected.Start, actual.Start);
            Assert.AreEqual(expected.End, actual.End);
            Assert.AreEqual(expected.ICalUId, actual.ICalUId);
            Assert.AreEqual(expected.Type, actual.Type.ToString(), ignoreCase: true);
            Assert.AreEqual(expected.SeriesMasterId, actual.SeriesMasterId);
            Assert.AreEqual(expected.Sensitivity, actual.Sensitivity.ToString(), ignoreCase: true);
            Assert.AreEqual(expected.ShowAs, actual.ShowAs);
            Assert.AreEqual(expected.Response, actual.ResponseStatus);
            Assert.AreEqual(expected.IsCancelled, actual.IsCancelled);
            Assert.AreEqual(expected.IsOrganizer, actual.IsOrganizer);
            Assert.AreEqual(expected.Organizer.Email, actual.OrganizerEmail);
            CollectionAssert.AreEqual(expected.Categories.ToList(), actual.Categories.ToList());
            CollectionAssert.AreEqual(expected.Attendees.Select(a => a.Email).ToList(), actual.Attendees.Select(a => a.Email).ToList());
        }
    }

    [TestMethod]
    public async Task ReadEvent_OwnEventInTheOwnersZone_OthersEventsAreNotFound()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var user = graph.Tenant.Org.Users.First(u => u.TimeZone == "Asia/Tokyo");
        var other = graph.Tenant.Org.Users.First(u => u.Id != user.Id);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
        var expected = graph.Tenant.Calendars.EventsFor(user.Id, s_week)[0];

        var read = await graph.Calendars.ReadEventAsync(user.Id, expected.Id, zone);
        var othersEvent = await graph.Calendars.ReadEventAsync(user.Id, graph.Tenant.Calendars.EventsFor(other.Id, s_week)[0].Id, zone);
        var unknown = await graph.Calendars.ReadEventAsync(user.Id, "AAMkAGdoesnotexist=", zone);

        Assert.IsNotNull(read);
        Assert.AreEqual(expected.ICalUId, read.ICalUId);
        Assert.AreEqual(expected.Start, read.Start);
        Assert.AreEqual(zone.GetUtcOffset(expected.Start), read.Start.Offset);
        Assert.IsNull(othersEvent);
        Assert.IsNull(unknown);
        Assert.AreEqual(0L, graph.Tenant.Counters.BodiesReturned);
    }

    [TestMethod]
    public async Task ReadWeek_TokyoAndLosAngeles_EachGetTheirOwnLocalWeek()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatorOptions { Users = 150 });
        var bounds = new List<DateTimeOffset>();
        foreach (var zoneId in new[] { "Asia/Tokyo", "America/Los_Angeles" })
        {
            var user = graph.Tenant.Org.Users.First(u => u.TimeZone == zoneId && u.Role == OrgRole.Engineer);
            var zone = await graph.Directory.GetTimeZoneAsync(user.Id);
            var (start, end) = s_week.Bounds(zone);

            var events = await graph.Calendars.ReadWeekAsync(new WeekRequest(user.Id, s_week, zone));

            Assert.AreEqual(TimeZoneInfo.FindSystemTimeZoneById(zoneId).BaseUtcOffset, zone.BaseUtcOffset, zoneId);
            CollectionAssert.AreEqual(Expected(graph, user), events.Select(e => e.Id).ToList(), zoneId);
            Assert.IsTrue(events.All(e => e.Start >= start && e.End <= end && e.Start.Offset == zone.GetUtcOffset(e.Start)), zoneId);
            bounds.Add(start);
        }
        Assert.AreEqual(TimeSpan.FromHours(17), bounds[1] - bounds[0], "Monday 00:00 in Los Angeles is 17 hours after Monday 00:00 in Tokyo in late November");
    }

    [TestMethod]
    public async Task ReadWeeks_MixedStepStatuses_ThrottledStepsAreResentAfterRetryAfter_UnknownUsersAre404()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatorOptions { Users = 60, ThrottleShare = 0.3, RetryAfterSeconds = 1 }, pageSize: 10);
        var users = graph.Tenant.Org.Users.Take(28).ToList();
        var requests = users.Select(u => Request(u))
            .Append(new WeekRequest("nobody-1@example.com", s_week, TimeZoneInfo.Utc))
            .Append(new WeekRequest("nobody-2@example.com", s_week, TimeZoneInfo.Utc))
            .ToList();
        var stopwatch = Stopwatch.StartNew();

        var results = await graph.Calendars.ReadWeeksAsync(requests);

        Assert.IsGreaterThan(0L, graph.Tenant.Counters.Throttled);
        Assert.IsGreaterThan(0L, graph.Counters.ThrottledRetries);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), stopwatch.Elapsed, "Retry-After was waited for");
        for (var i = 0; i < users.Count; i++)
        {
            Assert.IsTrue(results[i].Succeeded, users[i].Id);
            CollectionAssert.AreEqual(Expected(graph, users[i]), results[i].Events.Select(e => e.Id).ToList());
        }
        Assert.AreEqual(404, results[^1].FailedStatus);
        Assert.AreEqual(404, results[^2].FailedStatus);
    }

    [TestMethod]
    public async Task ReadWeeks_In429Storm_EveryUserIsReadOnceWithoutDuplicates()
    {
        await using var graph = await SimulatedGraph.StartAsync(
            new SimulatorOptions { Users = 100, ThrottleShare = 0.25, UnavailableShare = 0.05, RetryAfterSeconds = 0 }, pageSize: 10, maxStepRetries: 30);
        var users = graph.Tenant.Org.Users;

        var results = await graph.Calendars.ReadWeeksAsync(users.Select(u => Request(u)).ToList());

        Assert.HasCount(users.Count, results);
        for (var i = 0; i < users.Count; i++)
        {
            Assert.AreEqual(users[i].Id, results[i].Request.UserId);
            Assert.IsTrue(results[i].Succeeded, users[i].Id);
            CollectionAssert.AreEqual(Expected(graph, users[i]), results[i].Events.Select(e => e.Id).ToList(), users[i].Id);
        }
        Assert.IsGreaterThan(20L, graph.Counters.ThrottledRetries);
        Assert.IsGreaterThan(0L, graph.Tenant.Counters.Unavailable);
        Assert.AreEqual(0L, graph.Tenant.Counters.BodiesReturned);
    }

    [TestMethod]
    public async Task ReadWeekChanges_SecondRoundHasOnlyTheMovedCancelledAddedAndDeletedMeetings()
    {
        await using var graph = await SimulatedGraph.StartAsync(pageSize: 7);
        var user = graph.Tenant.Org.DemoUser;
        var request = Request(user);
        var first = await graph.Calendars.ReadWeekChangesAsync(request, deltaLink: null);
        var before = Expected(graph, user);
        var events = graph.Tenant.Calendars.EventsFor(user.Id, s_week).Where(e => !e.IsCancelled && !e.IsAllDay).ToList();
        var moved = graph.Tenant.Calendars.Move(user.Id, events[2].Id, TimeSpan.FromMinutes(30));
        var cancelled = graph.Tenant.Calendars.Cancel(user.Id, events[5].Id);
        var added = graph.Tenant.Calendars.Add(user.Id, events[0] with { Subject = "Mentoring: ad-hoc w/ Kim", Start = events[0].Start.AddHours(2), End = events[0].End.AddHours(2) });
        graph.Tenant.Calendars.Delete(user.Id, events[7].Id);

        var second = await graph.Calendars.ReadWeekChangesAsync(request, first.DeltaLink);

        Assert.IsTrue(first.WasFullResync);
        CollectionAssert.AreEqual(before, first.Changed.Select(e => e.Id).ToList());
        Assert.IsFalse(second.WasFullResync);
        CollectionAssert.AreEquivalent(new[] { moved.Id, cancelled.Id, added.Id }, second.Changed.Select(e => e.Id).ToArray());
        Assert.AreEqual(moved.Start, second.Changed.Single(e => e.Id == moved.Id).Start);
        Assert.IsTrue(second.Changed.Single(e => e.Id == cancelled.Id).IsCancelled);
        CollectionAssert.AreEqual(new[] { events[7].Id }, second.RemovedIds.ToArray());
    }

    [TestMethod]
    public async Task ReadWeekChanges_WhenGraphAnswers410_StartsAgainFromAFullSync()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var user = graph.Tenant.Org.DemoUser;
        var first = await graph.Calendars.ReadWeekChangesAsync(Request(user), deltaLink: null);
        graph.Tenant.Faults.ExpireDeltaTokens();

        var again = await graph.Calendars.ReadWeekChangesAsync(Request(user), first.DeltaLink);

        Assert.IsTrue(again.WasFullResync);
        CollectionAssert.AreEquivalent(Expected(graph, user), again.Changed.Select(e => e.Id).ToList());
        Assert.AreNotEqual(first.DeltaLink, again.DeltaLink);
    }

    [TestMethod]
    public async Task ReadWeek_WholeRequestThrottling_IsRetriedAndCounted()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatorOptions { Users = 60, ThrottleShare = 0.5, RetryAfterSeconds = 0 }, pageSize: 5);
        var user = graph.Tenant.Org.DemoUser;

        var events = await graph.Calendars.ReadWeekAsync(Request(user));

        CollectionAssert.AreEqual(Expected(graph, user), events.Select(e => e.Id).ToList());
        Assert.AreEqual(graph.Tenant.Counters.Throttled, graph.Counters.ThrottledRetries);
        Assert.IsGreaterThan(0L, graph.Counters.ThrottledRetries);
    }

    private static WeekRequest Request(SimulatedUser user) => new(user.Id, s_week, TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone));

    private static List<string> Expected(SimulatedGraph graph, SimulatedUser user) =>
        graph.Tenant.Calendars.EventsFor(user.Id, s_week).Select(e => e.Id).ToList();
}
