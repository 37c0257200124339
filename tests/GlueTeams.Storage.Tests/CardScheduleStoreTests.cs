using GlueTeams.Storage.Schedule;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class CardScheduleStoreTests : StorageTestBase
{
    private static readonly DateTimeOffset Friday = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task TakeDue_ReturnsOnlyWhatIsDue_Once()
    {
        var schedule = new CardScheduleStore(Tables);
        await schedule.ScheduleAsync("tenant-a", "due-now", Friday);
        await schedule.ScheduleAsync("tenant-a", "missed-yesterday", Friday.AddDays(-1));
        await schedule.ScheduleAsync("tenant-b", "later", Friday.AddMinutes(1));

        var due = await schedule.TakeDueAsync(Friday, 100);
        var again = await schedule.TakeDueAsync(Friday, 100);

        CollectionAssert.AreEquivalent(new[] { "due-now", "missed-yesterday" }, due.Select(d => d.UserId).ToArray());
        Assert.IsEmpty(again);
        Assert.AreEqual("later", (await schedule.TakeDueAsync(Friday.AddMinutes(1), 100)).Single().UserId);
    }

    [TestMethod]
    public async Task TakeDue_TwoInstancesPolling_EachCardTakenExactlyOnce()
    {
        var instanceA = new CardScheduleStore(Tables);
        var instanceB = new CardScheduleStore(Tables);
        for (var i = 0; i < 60; i++)
        {
            await instanceA.ScheduleAsync("tenant-a", $"user-{i}", Friday.AddSeconds(-i));
        }

        var results = await Task.WhenAll(
            instanceA.TakeDueAsync(Friday, 1000), instanceB.TakeDueAsync(Friday, 1000),
            instanceA.TakeDueAsync(Friday, 1000), instanceB.TakeDueAsync(Friday, 1000));

        var taken = results.SelectMany(r => r).Select(d => d.UserId).ToList();
        Assert.HasCount(60, taken);
        Assert.AreEqual(60, taken.Distinct().Count());
    }

    [TestMethod]
    public async Task Schedule_Rescheduled_ReplacesThePreviousEntry()
    {
        var schedule = new CardScheduleStore(Tables);
        await schedule.ScheduleAsync("tenant-a", "user-1", Friday);
        await schedule.ScheduleAsync("tenant-a", "user-1", Friday.AddDays(-1).AddHours(2), previousDueAt: Friday);

        var due = await schedule.TakeDueAsync(Friday, 100);

        Assert.AreEqual(Friday.AddDays(-1).AddHours(2), due.Single().DueAt);
    }

    [TestMethod]
    public async Task TakeDue_RespectsMax()
    {
        var schedule = new CardScheduleStore(Tables);
        for (var i = 0; i < 5; i++)
        {
            await schedule.ScheduleAsync("tenant-a", $"user-{i}", Friday);
        }
        Assert.HasCount(2, await schedule.TakeDueAsync(Friday, 2));
        Assert.HasCount(3, await schedule.TakeDueAsync(Friday, 100));
    }

    [TestMethod]
    public async Task TakeDue_TakesAsManyAsAreDueUpToMax_WhereverItsRunStarts()
    {
        // 5 due with a max of 2 gives runs starting at 0, 2 or 4 (chosen at random): each must still take 2.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var schedule = new CardScheduleStore(Tables);
            var tenant = $"tenant-run-{attempt}";
            for (var i = 0; i < 5; i++)
            {
                await schedule.ScheduleAsync(tenant, $"user-{i}", Friday.AddYears(1 + attempt));
            }
            var taken = await schedule.TakeDueAsync(Friday.AddYears(1 + attempt), 2, lookBackDays: 0);
            Assert.HasCount(2, taken, $"attempt {attempt}");
            Assert.HasCount(3, await schedule.TakeDueAsync(Friday.AddYears(1 + attempt), 100, lookBackDays: 0));
        }
    }

    [TestMethod]
    public async Task ManyScheduled_TakenByRacingPollersInTransactions_EachOnce_CompletedTogether_ButNotOneReleasedAndTakenAgain()
    {
        var schedule = new CardScheduleStore(Tables);
        await schedule.ScheduleManyAsync(Enumerable.Range(0, 250).Select(i => ("tenant-a", $"user-{i}", Friday.AddSeconds(-(i % 90)))));

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => schedule.TakeDueAsync(Friday, 100)));
        var taken = racing.SelectMany(r => r).Concat(await schedule.TakeDueAsync(Friday, 1000)).ToList();

        Assert.HasCount(250, taken);
        Assert.AreEqual(250, taken.Select(d => d.UserId).Distinct().Count(), "no card taken twice");
        var stale = taken[0];
        await schedule.CompleteAsync(taken.Skip(1).ToList());
        var retaken = await schedule.TakeDueAsync(Friday + CardScheduleStore.DefaultLease + TimeSpan.FromSeconds(1), 1000);
        Assert.AreEqual(stale.UserId, retaken.Single().UserId, "only the one not completed is left, taken again once its lease ran out");
        await schedule.CompleteAsync([stale]); // its taker was too slow: the entry is the new taker's now
        Assert.AreEqual(stale.UserId, (await schedule.TakeDueAsync(Friday + 3 * CardScheduleStore.DefaultLease, 1000)).Single().UserId);
    }
}
