using GlueTeams.Core.Records;
using GlueTeams.Simulator;

namespace GlueTeams.App.Tests.Sync;

[TestClass]
public sealed class WeekSyncTests
{
    [TestMethod]
    public async Task Sync_StoresTheWeek_OnlyEventsThatCount_AndNoPrivateSubject()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        var simulated = fixture.Graph.Tenant.Calendars.EventsFor(demo.UserId, SyncFixture.Week);

        var result = (await fixture.Sync.SyncAsync([demo], SyncFixture.Week)).Single();
        var stored = await fixture.StoredAsync(demo);

        Assert.IsTrue(result.Succeeded, result.Error);
        var counted = simulated.Where(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Type != "seriesMaster").ToList();
        Assert.HasCount(counted.Count, stored);
        Assert.AreEqual(stored.Count, result.Records);
        var privateOnes = simulated.Where(e => e.Sensitivity is "private" or "confidential" && !e.IsCancelled && !e.IsAllDay).ToList();
        Assert.IsNotEmpty(privateOnes, "the demo user's week has private items");
        foreach (var secret in privateOnes)
        {
            var row = stored.Single(r => r.Record.EventKey == secret.ICalUId);
            Assert.AreEqual(ActivityRecord.RedactedTitle, row.Record.Title);
            Assert.AreEqual(0, row.Record.AttendeeCount);
        }
        // Nothing of a private subject reaches any stored property.
        var privateSubjects = privateOnes.Select(e => e.Subject).Where(s => s.Length > 3).ToList();
        await foreach (var entity in fixture.Tables.Activities.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            foreach (var value in entity.Select(p => p.Value).OfType<string>())
            {
                Assert.IsFalse(privateSubjects.Any(s => value.Contains(s, StringComparison.Ordinal)), value);
            }
        }
        Assert.AreEqual(0L, fixture.Graph.Tenant.Counters.BodiesReturned);
    }

    [TestMethod]
    public async Task Sync_RunTwice_IsIdempotent_AndKeepsTheUsersDecisions()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        await fixture.Sync.SyncAsync([demo], SyncFixture.Week);
        var first = await fixture.StoredAsync(demo);
        var decided = first.First(r => r.Record.Status == ActivityStatus.Suggested);
        var confirmation = new Confirmation("hiring", Impact.Multiplier, null, null, "kept", false, true, TestClock.Shared.GetUtcNow());
        await fixture.Activities.ReplaceAsync(decided with { Record = decided.Record with { Status = ActivityStatus.Confirmed, Confirmation = confirmation } });

        await fixture.Sync.SyncAsync([demo], SyncFixture.Week);
        var second = await fixture.StoredAsync(demo);

        CollectionAssert.AreEquivalent(first.Select(r => r.Id).ToList(), second.Select(r => r.Id).ToList());
        Assert.AreEqual(confirmation, second.Single(r => r.Id == decided.Id).Record.Confirmation);
    }

    [TestMethod]
    public async Task FirstSync_OfAUserWhoNeverDecided_KnowsTheStoredWeekExactly_AsAReadReturnsIt_ElseSaysToRead()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        var calendar = fixture.Graph.Tenant.Calendars;
        var meeting = calendar.EventsFor(demo.UserId, SyncFixture.Week).First(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Type != "seriesMaster");
        calendar.SetCategories(demo.UserId, meeting.Id, ["Glue: Hiring"]); // a row that is decided when it is first written

        var first = (await fixture.Sync.SyncAsync([demo], SyncFixture.Week)).Single();
        var read = await fixture.StoredAsync(demo);

        Assert.IsNotNull(first.StoredWeek, "the week's first sync of a user without decisions knows what it stored");
        Assert.IsNotEmpty(read);
        Assert.AreEqual("hiring", read.Single(r => r.Record.EventKey == meeting.ICalUId).Record.Confirmation?.CategoryId);
        CollectionAssert.AreEqual(read.Select(r => (r.Id, r.ETag)).ToList(), first.StoredWeek.Select(r => (r.Id, r.ETag)).ToList(), "same rows, order and ETags");
        // People is a list, which a record compares by reference: compare it by content, and the rest as the record.
        CollectionAssert.AreEqual(read.Select(r => r.Record with { People = [] }).ToList(), first.StoredWeek.Select(r => r.Record with { People = [] }).ToList(), "same contents");
        CollectionAssert.AreEqual(read.SelectMany(r => r.Record.People.Prepend(r.Id)).ToList(), first.StoredWeek.SelectMany(r => r.Record.People.Prepend(r.Id)).ToList(), "same people");
        var again = (await fixture.Sync.SyncAsync([demo], SyncFixture.Week)).Single();
        Assert.IsNull(again.StoredWeek, "a week synced before may hold rows this sync did not write");
        var decided = fixture.Profile(fixture.Graph.Tenant.Org.Users[1].Id) with { HasConfirmations = true };
        Assert.IsNull((await fixture.Sync.SyncAsync([decided], SyncFixture.Week)).Single().StoredWeek, "a user who decided something may have tagged a row of the week");
    }

    [TestMethod]
    public async Task Resync_PicksUpAMovedAndACancelledMeeting_ThroughDelta()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        await fixture.Sync.ResyncAsync(demo, SyncFixture.Week); // first round: the whole week, and a delta link
        var before = await fixture.StoredAsync(demo);
        var calendar = fixture.Graph.Tenant.Calendars;
        var candidates = calendar.EventsFor(demo.UserId, SyncFixture.Week)
            .Where(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Start.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Wednesday)
            .ToList();
        var moved = calendar.Move(demo.UserId, candidates[0].Id, TimeSpan.FromHours(1));
        var cancelled = calendar.Cancel(demo.UserId, candidates[1].Id);
        var requestsBefore = fixture.Graph.Tenant.Counters.Total;

        var result = await fixture.Sync.ResyncAsync(demo, SyncFixture.Week);
        var after = await fixture.StoredAsync(demo);

        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual(moved.Start, after.Single(r => r.Record.EventKey == moved.ICalUId).Record.Start);
        Assert.IsFalse(after.Any(r => r.Record.EventKey == cancelled.ICalUId), "the cancelled meeting is gone");
        Assert.HasCount(before.Count - 1, after);
        Assert.IsLessThanOrEqualTo(2L, fixture.Graph.Tenant.Counters.Total - requestsBefore, "a delta round fetches only the changes");
        Assert.IsNotNull((await fixture.SyncStates.GetAsync(demo.TenantId, demo.UserId, SyncFixture.Week))!.DeltaLink);
    }

    [TestMethod]
    public async Task Sync_ThrottleStorm_EveryUserSynced_NoDuplicates()
    {
        await using var fixture = await SyncFixture.StartAsync(new SimulatorOptions { Users = 60, ThrottleShare = 0.3, RetryAfterSeconds = 1 });
        var users = fixture.Graph.Tenant.Org.Users.Select(u => fixture.Profile(u.Id)).ToList();

        var results = await fixture.Sync.SyncAsync(users, SyncFixture.Week);

        Assert.IsTrue(results.All(r => r.Succeeded), string.Join("; ", results.Where(r => !r.Succeeded).Select(r => r.Error)));
        Assert.IsGreaterThan(0L, fixture.Graph.Tenant.Counters.Throttled);
        foreach (var user in users)
        {
            var stored = await fixture.StoredAsync(user);
            var expected = fixture.Graph.Tenant.Calendars.EventsFor(user.UserId, SyncFixture.Week)
                .Count(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Type != "seriesMaster");
            Assert.HasCount(expected, stored, user.UserId);
            Assert.AreEqual(stored.Count, stored.Select(r => r.Record.EventKey).Distinct().Count());
        }
    }

    [TestMethod]
    public async Task Sync_TokyoAndLosAngeles_EachGetTheirOwnLocalWeek()
    {
        await using var fixture = await SyncFixture.StartAsync(new SimulatorOptions { Users = 150 });
        var org = fixture.Graph.Tenant.Org;
        var tokyo = fixture.Profile(org.Users.First(u => u.TimeZone == "Asia/Tokyo").Id);
        var losAngeles = fixture.Profile(org.Users.First(u => u.TimeZone == "America/Los_Angeles").Id);

        await fixture.Sync.SyncAsync([tokyo, losAngeles], SyncFixture.Week);

        foreach (var user in new[] { tokyo, losAngeles })
        {
            var (start, end) = SyncFixture.Week.Bounds(user.TimeZone);
            var stored = await fixture.StoredAsync(user);
            Assert.IsNotEmpty(stored);
            Assert.IsTrue(stored.All(r => r.Record.Start >= start && r.Record.Start < end), user.TimeZoneId);
        }
        Assert.AreEqual(TimeSpan.FromHours(17), SyncFixture.Week.Bounds(losAngeles.TimeZone).Start - SyncFixture.Week.Bounds(tokyo.TimeZone).Start);
    }

    [TestMethod]
    public async Task Sync_LearnsFromEarlierWeeksConfirmations_OnceTheProfileNotesThereAreAny()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        await fixture.Users.UpsertAsync(demo);
        var lastWeek = SyncFixture.Week.Previous;
        await fixture.Sync.SyncAsync([demo], lastWeek);
        var earlier = await fixture.Activities.ListAsync(demo.TenantId, demo.UserId, lastWeek, lastWeek);
        var series = earlier.First(r => r.Record.SeriesId is not null && r.Record.Suggestion?.CategoryId != "process");
        // Confirmed the way every App path confirms: the record, then the note on the profile, both explicit.
        await new GlueTeams.App.Records.RecordDecisions(fixture.Activities, fixture.Users).ReplaceAsync(series with
        {
            Record = series.Record with
            {
                Status = ActivityStatus.Confirmed,
                Confirmation = new Confirmation("process", Impact.OneOff, null, null, null, false, false, TestClock.Shared.GetUtcNow()),
            },
        });
        var profile = await fixture.Users.GetAsync(demo.TenantId, demo.UserId);
        Assert.IsTrue(profile!.HasConfirmations);

        await fixture.Sync.SyncAsync([profile], SyncFixture.Week);

        var next = (await fixture.StoredAsync(demo)).Where(r => r.Record.SeriesId == series.Record.SeriesId).ToList();
        Assert.IsNotEmpty(next);
        Assert.IsTrue(next.All(r => r.Record.Suggestion?.CategoryId == "process"), string.Join(", ", next.Select(r => r.Record.Suggestion?.CategoryId)));
    }

    [TestMethod]
    public async Task Sync_FirstRun_DoesNotOverwriteATagTheUserWroteBefore_AndDropsVanishedRowsLater()
    {
        await using var fixture = await SyncFixture.StartAsync();
        var demo = fixture.Profile(fixture.Graph.Tenant.Org.DemoUser.Id);
        var calendar = fixture.Graph.Tenant.Calendars;
        var events = calendar.EventsFor(demo.UserId, SyncFixture.Week)
            .Where(e => !e.IsCancelled && !e.IsAllDay && e.ShowAs != "free" && e.Response != "declined" && e.Sensitivity == "normal").ToList();
        var tagged = events.First();
        var copy = calendar.Add(demo.UserId, tagged with { Categories = ["Glue: Hiring"] });
        // The add-in confirmed it (with an artifact) before any sync ran.
        var addInTag = new Confirmation("hiring", Impact.Multiplier, new Uri("https://docs.example.com/loop"), "Interview loop", null, false, true, TestClock.Shared.GetUtcNow());
        await fixture.Activities.PutDecidedAsync(new ActivityRecord
        {
            TenantId = demo.TenantId, UserId = demo.UserId, EventKey = copy.ICalUId, Week = SyncFixture.Week,
            Start = copy.Start, End = copy.End, Title = copy.Subject, Source = ActivitySource.OutlookTag,
            Status = ActivityStatus.Confirmed, Confirmation = addInTag,
        });

        await fixture.Sync.SyncAsync([demo], SyncFixture.Week);
        var afterFirst = await fixture.StoredAsync(demo);
        Assert.AreEqual(addInTag, afterFirst.Single(r => r.Record.EventKey == copy.ICalUId).Record.Confirmation, "the add-in's details survive");

        var dropped = events.Last(e => e.Categories.Count == 0); // untagged, so its row is unconfirmed
        calendar.Delete(demo.UserId, dropped.Id);
        await fixture.Sync.SyncAsync([demo], SyncFixture.Week);
        var afterSecond = await fixture.StoredAsync(demo);
        Assert.IsFalse(afterSecond.Any(r => r.Record.EventKey == dropped.ICalUId), "a deleted meeting's unconfirmed row goes");
        Assert.HasCount(afterFirst.Count - 1, afterSecond);
    }
}
