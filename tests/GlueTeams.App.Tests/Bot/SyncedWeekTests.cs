using GlueTeams.Testing;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;

namespace GlueTeams.App.Tests.Bot;

/// <summary>"this week" with Graph configured: the week is synced from the (simulated) calendar, then shown.</summary>
[TestClass]
public sealed class SyncedWeekTests
{
    [TestMethod]
    public async Task This_week_syncs_the_demo_engineers_calendar_then_shows_it()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        await using var bot = new BotHarness(SimulatedGraph.AppSettings(simulator));
        Assert.IsEmpty(await bot.StoredAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId));

        await bot.PostAsync(bot.Message("this week"));

        var stored = await bot.StoredAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId);
        Assert.IsNotEmpty(stored);
        var card = BotHarness.Texts(bot.SentCards().Single());
        StringAssert.Contains(card, stored[0].Record.Title);
    }

    [TestMethod]
    public async Task Install_reads_the_users_address_and_manager_from_the_directory()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        await using var bot = new BotHarness(SimulatedGraph.AppSettings(simulator));
        var demo = simulator.Tenant.Org.DemoUser;

        await bot.PostAsync(bot.Install());

        var profile = await bot.Users.GetAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId);
        Assert.AreEqual(demo.Mail, profile!.UserPrincipalName, ignoreCase: true);
        Assert.AreEqual(simulator.Tenant.Org.Get(demo.ManagerId!).Mail, profile.ManagerUserPrincipalName, ignoreCase: true);
    }
}
