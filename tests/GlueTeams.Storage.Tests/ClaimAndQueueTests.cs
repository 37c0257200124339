using GlueTeams.Storage.Queues;
using GlueTeams.Testing;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class ClaimAndQueueTests : StorageTestBase
{
    public sealed record SyncItem(string TenantId, string UserId, string Week);

    [TestMethod]
    public async Task TryClaim_SameKeyTwice_OnlyTheFirstWins()
    {
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-1", "activity:1", "instance-1"));
        Assert.IsFalse(await Claims.TryClaimAsync("tenant-a", "user-1", "activity:1", "instance-2"));
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-2", "activity:1", "instance-2"), "claims are per user");
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-b", "user-1", "activity:1", "instance-2"), "claims are per tenant");
    }

    [TestMethod]
    public async Task TryClaim_ManyConcurrentCallers_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Claims.TryClaimAsync("tenant-a", "user-1", "weekly-card:2026-W47", $"instance-{i}")));
        Assert.AreEqual(1, results.Count(r => r));
    }

    [TestMethod]
    public async Task Release_LetsTheNextCallerClaim()
    {
        await Claims.TryClaimAsync("tenant-a", "user-1", "weekly-card:2026-W47", "instance-1");
        await Claims.ReleaseAsync("tenant-a", "user-1", "weekly-card:2026-W47");
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-1", "weekly-card:2026-W47", "instance-2"));
    }

    [TestMethod]
    public async Task TryClaim_HostileKey_Works() =>
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-1", "1:abc/def#?\\" + new string('x', 2000), "instance-1"));

    [TestMethod]
    public async Task Queue_ReceivedItemIsHiddenUntilItsVisibilityEnds()
    {
        var queue = await NewQueueAsync();
        await queue.EnqueueAsync(new SyncItem("t", "u", "2026-W47"));

        var first = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1));
        var whileHidden = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var again = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30));

        Assert.AreEqual(new SyncItem("t", "u", "2026-W47"), first.Single().Payload);
        Assert.IsEmpty(whileHidden);
        Assert.AreEqual(2, again.Single().DequeueCount, "a consumer that died leaves the item for another");
        await queue.CompleteAsync(again.Single());
        Assert.AreEqual(0, await queue.ApproximateCountAsync());
    }

    [TestMethod]
    public async Task Queue_ItemFailingTooOften_MovesToPoison()
    {
        var queue = await NewQueueAsync();
        await queue.EnqueueAsync(new SyncItem("t", "u", "2026-W47"));
        for (var i = 0; i < WorkQueue<SyncItem>.MaxDequeueCount; i++)
        {
            var item = (await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30))).Single();
            await queue.RetryLaterAsync(item, TimeSpan.Zero);
        }

        Assert.IsEmpty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.AreEqual(1, await queue.PoisonCountAsync());
    }

    [TestMethod]
    public async Task Queue_MalformedMessage_MovesToPoisonWithoutThrowing()
    {
        var options = Azurite.NewStorageOptions();
        var raw = new Azure.Storage.Queues.QueueClient(options.ConnectionString, (options.TablePrefix + "-sync").ToLowerInvariant(),
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var queue = new WorkQueue<SyncItem>(options, "sync");
        await queue.EnsureCreatedAsync();
        await raw.SendMessageAsync("{not json");

        Assert.IsEmpty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));
        Assert.AreEqual(1, await queue.PoisonCountAsync());
        await queue.DeleteAsync();
    }

    private static async Task<WorkQueue<SyncItem>> NewQueueAsync()
    {
        var queue = new WorkQueue<SyncItem>(Azurite.NewStorageOptions(), "sync");
        await queue.EnsureCreatedAsync();
        return queue;
    }
}
