using GlueTeams.Storage.Schedule;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class InstanceRegistryTests : StorageTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task LiveCount_CountsRecentHeartbeats_AndForgetsStoppedOrSilentInstances()
    {
        var registry = new InstanceRegistry(Tables);
        await registry.HeartbeatAsync("instance-a", Now);
        await registry.HeartbeatAsync("instance-b", Now.AddSeconds(-5));
        await registry.HeartbeatAsync("instance-c", Now.AddMinutes(-5));

        Assert.AreEqual(2, await registry.LiveCountAsync(Now, TimeSpan.FromSeconds(30)), "c has been silent too long");
        await registry.RemoveAsync("instance-b");
        Assert.AreEqual(1, await registry.LiveCountAsync(Now, TimeSpan.FromSeconds(30)));
    }

    [TestMethod]
    public async Task LiveCount_IsAtLeastOne_TheCallerItself()
    {
        Assert.AreEqual(1, await new InstanceRegistry(Tables).LiveCountAsync(Now, TimeSpan.FromSeconds(30)));
    }
}
