using System.Net;
using System.Text;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>Graph change notifications with two tenants: a subscription of A can never make B's data sync, and each tenant's own change syncs only it.</summary>
[TestClass]
public sealed class TenantNotificationTests
{
    [TestMethod]
    public async Task A_subscription_of_A_cannot_trigger_a_sync_in_B_and_Bs_own_change_syncs_only_B()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20, SecondTenantUsers = 20 }, TestClock.Shared);
        var port = Azurite.FreePort();
        await using var app = new AppFactory(TenantsHost.Settings(simulator, new Dictionary<string, string?>
        {
            ["Graph:NotificationUrl"] = $"http://127.0.0.1:{port}/api/graph/notifications",
        }));
        app.UseKestrel(port);
        app.StartServer();
        using var client = app.CreateClient();
        foreach (var tenant in new[] { TenantsHost.A, TenantsHost.B })
        {
            await app.Services.GetRequiredService<TenantRegistry>().RegisterAsync(tenant, consentedBy: null);
        }
        var ada = SimulatedProfiles.For(simulator.Tenant.Org, simulator.Tenant.Org.DemoUser, tenantId: TenantsHost.A);
        var bea = SimulatedProfiles.For(simulator.SecondTenant.Org, simulator.SecondTenant.Org.DemoUser, tenantId: TenantsHost.B);
        var users = app.Services.GetRequiredService<UserStore>();
        await users.UpsertAsync(ada);
        await users.UpsertAsync(bea);
        var manager = app.Services.GetRequiredService<SubscriptionManager>();
        var queue = app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();
        var subscriptionA = (await manager.CreateAsync(ada))!;
        var subscriptionB = (await manager.CreateAsync(bea))!;

        // A's subscription and secret, in a notification that names tenant B (and B's user as the resource).
        var forged = $$"""{"value":[{"subscriptionId":"{{subscriptionA.SubscriptionId}}","clientState":"{{subscriptionA.ClientState}}","tenantId":"{{TenantsHost.B}}","changeType":"updated","resource":"Users/{{bea.UserId}}/Events/x"}]}""";
        using var response = await client.PostAsync(new Uri("/api/graph/notifications", UriKind.Relative), new StringContent(forged, Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.AreEqual(0, await queue.ApproximateCountAsync(), "nothing queued for either tenant");
        Assert.IsNull(await app.Services.GetRequiredService<GlueTeams.Storage.Sync.SyncStateStore>().GetAsync(TenantsHost.B, bea.UserId,
            IsoWeek.Containing(TestClock.Shared.GetUtcNow(), bea.TimeZone)), "B's week was not marked for a re-sync");

        // B's own calendar changes: the simulated Graph of B notifies with B's subscription; only B's user is queued.
        var meeting = simulator.SecondTenant.Calendars.EventsFor(bea.UserId, IsoWeek.Containing(TestClock.Shared.GetUtcNow(), bea.TimeZone)).First(e => !e.IsCancelled);
        simulator.SecondTenant.Calendars.Move(bea.UserId, meeting.Id, TimeSpan.FromMinutes(30));
        var items = await Notifications.GraphNotificationsTests.WaitForItemsAsync(queue);

        Assert.AreEqual(TenantsHost.B, items.Single().Payload.TenantId);
        Assert.AreEqual(bea.UserId, items.Single().Payload.UserId);
        Assert.AreNotEqual(subscriptionA.SubscriptionId, subscriptionB.SubscriptionId);
        Assert.IsTrue(simulator.Tenant.Subscriptions.All.Any(s => s.Id == subscriptionA.SubscriptionId), "A's subscription lives in A's Graph");
        Assert.IsTrue(simulator.SecondTenant.Subscriptions.All.Any(s => s.Id == subscriptionB.SubscriptionId), "B's subscription lives in B's Graph");
    }
}
