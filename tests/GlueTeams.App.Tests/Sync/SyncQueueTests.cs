using System.Collections.Concurrent;
using GlueTeams.App.Sync;
using GlueTeams.Simulator;
using GlueTeams.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlueTeams.App.Tests.Sync;

[TestClass]
public sealed class SyncQueueTests
{
    [TestMethod]
    public async Task TwoInstances_300Users_OneKilledMidRun_EveryUserSyncedOnceAndNothingLost()
    {
        await using var fixture = await SyncFixture.StartAsync(new SimulatorOptions { Users = 300 });
        var users = fixture.Graph.Tenant.Org.Users.Select(u => fixture.Profile(u.Id)).ToList();
        await fixture.Users.UpsertManyAsync(users);
        var producer = new WorkQueue<SyncWorkItem>(fixture.Storage, "sync");
        await producer.EnsureCreatedAsync();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (user, ct) => await producer.EnqueueAsync(new SyncWorkItem(user.TenantId, user.UserId, SyncFixture.Week.ToString()), ct));
        var options = new SyncWorkerOptions(TimeSpan.FromSeconds(3));
        var finished = new ConcurrentBag<string>();
        SyncWorker Instance() // each instance has its own queue client, as separate processes would
        {
            var worker = new SyncWorker(new WorkQueue<SyncWorkItem>(fixture.Storage, "sync"), fixture.Sync, fixture.Users, fixture.SyncStates, options, NullLogger<SyncWorker>.Instance);
            worker.UserFinished += r => { if (r.Succeeded) { finished.Add(r.UserId); } };
            return worker;
        }
        var doomed = Instance();
        var survivor = Instance();
        using var kill = new CancellationTokenSource();
        var killedWhileWorking = 0;
        doomed.UserFinished += _ => { if (Interlocked.Increment(ref killedWhileWorking) == 5) { kill.Cancel(); } };

        var doomedRun = RunUntilAsync(doomed, () => false, kill.Token);
        var survivorRun = RunUntilAsync(survivor, () => finished.Distinct().Count() >= users.Count, CancellationToken.None, TimeSpan.FromMinutes(3));
        await Assert.ThrowsAsync<OperationCanceledException>(() => doomedRun);
        await survivorRun;

        Assert.IsTrue(kill.IsCancellationRequested, "the first instance was killed in the middle of a batch");
        CollectionAssert.AreEquivalent(users.Select(u => u.UserId).ToList(), finished.Distinct().ToList());
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
        {
            var stored = await fixture.StoredAsync(user);
            Assert.AreEqual(stored.Count, stored.Select(r => r.Record.EventKey).Distinct().Count(), "no duplicates for " + user.UserId);
            Assert.IsNotNull((await fixture.SyncStates.GetAsync(user.TenantId, user.UserId, SyncFixture.Week, ct))?.LastSyncedAt, user.UserId);
        });
        Assert.AreEqual(0, await producer.PoisonCountAsync());
        Assert.AreEqual(0, await producer.ApproximateCountAsync());
    }

    private static async Task RunUntilAsync(SyncWorker worker, Func<bool> done, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = DateTimeOffset.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (!done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The queue was not drained in time.");
            }
            if (await worker.RunOnceAsync(cancellationToken) == 0)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
