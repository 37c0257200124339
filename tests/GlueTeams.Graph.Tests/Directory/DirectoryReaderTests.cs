using GlueTeams.Testing;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Graph.Tests.Directory;

[TestClass]
public sealed class DirectoryReaderTests
{
    [TestMethod]
    public async Task ManagerAndDirectReports_ComeFromTheDirectory()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var user = graph.Tenant.Org.DemoUser;
        var manager = graph.Tenant.Org.Get(user.ManagerId!);

        var found = await graph.Directory.GetManagerAsync(user.Id);
        var reports = await graph.Directory.GetDirectReportsAsync(manager.Id);

        Assert.AreEqual(manager.Id, found?.Id);
        Assert.AreEqual(manager.DisplayName, found?.DisplayName);
        CollectionAssert.AreEquivalent(manager.DirectReportIds.ToList(), reports.Select(r => r.Id).ToList());
    }

    [TestMethod]
    public async Task Manager_OfSomeoneWithout_IsNull()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var director = graph.Tenant.Org.Users.First(u => u.Role == OrgRole.Director);

        Assert.IsNull(await graph.Directory.GetManagerAsync(director.Id));
    }

    [TestMethod]
    public async Task TimeZone_WindowsAndIanaMailboxSettings_BothResolve()
    {
        await using var graph = await SimulatedGraph.StartAsync();
        var windows = graph.Tenant.Org.Users.First(u => u.MailboxTimeZone != u.TimeZone);
        var iana = graph.Tenant.Org.Users.First(u => u.MailboxTimeZone == u.TimeZone);

        foreach (var user in new[] { windows, iana })
        {
            var zone = await graph.Directory.GetTimeZoneAsync(user.Id);
            var expected = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
            Assert.AreEqual(expected.GetUtcOffset(new DateTime(2026, 7, 1)), zone.GetUtcOffset(new DateTime(2026, 7, 1)), user.MailboxTimeZone);
            Assert.AreEqual(expected.GetUtcOffset(new DateTime(2026, 1, 1)), zone.GetUtcOffset(new DateTime(2026, 1, 1)), user.MailboxTimeZone);
        }
    }
}
