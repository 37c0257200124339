using System.Net;
using System.Text;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.App.Tests.Sync;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Subscriptions;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Tests.Notifications;

[TestClass]
public sealed class GraphNotificationsTests
{
    private static readonly Uri Endpoint = new("/api/graph/notifications", UriKind.Relative);

    /// <summary>The app on a real loopback port (Graph must reach it), its Graph pointed at the simulator, no background workers.</summary>
    private static async Task<(AppFactory App, SimulatorHost Simulator, HttpClient Client, UserProfile Demo)> StartAsync()
    {
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        var port = Azurite.FreePort();
        var app = new AppFactory(SimulatedGraph.AppSettings(simulator, new Dictionary<string, string?>
        {
            ["Graph:NotificationUrl"] = $"http://127.0.0.1:{port}/api/graph/notifications",
        }));
        app.UseKestrel(port);
        app.StartServer();
        var demo = SimulatedProfiles.For(simulator.Tenant.Org, simulator.Tenant.Org.DemoUser);
        await app.Services.GetRequiredService<UserStore>().UpsertAsync(demo);
        return (app, simulator, app.CreateClient(), demo);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync(Endpoint, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Notification(string subscriptionId, string clientState, string? lifecycle = null) =>
        $$"""{"value":[{"subscriptionId":"{{subscriptionId}}","clientState":"{{clientState}}","changeType":"updated","resource":"Users/x/Events/y"{{(lifecycle is null ? "" : $",\"lifecycleEvent\":\"{lifecycle}\"")}}}]}""";

    [TestMethod]
    public async Task Validation_EchoesTheTokenAsPlainText()
    {
        var (app, simulator, client, _) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;

        var response = await client.PostAsync(new Uri("/api/graph/notifications?validationToken=Validation%3A%20Testing%20client", UriKind.Relative), null);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual("Validation: Testing client", await response.Content.ReadAsStringAsync());
        var oversized = await client.PostAsync(new Uri("/api/graph/notifications?validationToken=" + new string('a', 5000), UriKind.Relative), null);
        Assert.AreEqual(HttpStatusCode.BadRequest, oversized.StatusCode);
    }

    [TestMethod]
    public async Task RealSubscription_ACalendarChange_QueuesADeltaResyncOfTheWeek()
    {
        var (app, simulator, _, demo) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        var manager = app.Services.GetRequiredService<SubscriptionManager>();
        var queue = app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();

        var subscription = await manager.CreateAsync(demo); // the simulator validates the URL against the running app
        var anEvent = simulator.Tenant.Calendars.EventsFor(demo.UserId, SyncFixture.Week).First(e => !e.IsCancelled);
        simulator.Tenant.Calendars.Move(demo.UserId, anEvent.Id, TimeSpan.FromMinutes(30));

        var items = await WaitForItemsAsync(queue);
        Assert.IsNotNull(subscription);
        Assert.AreEqual(new SyncWorkItem(demo.TenantId, demo.UserId, items.Single().Payload.Week, Resync: true), items.Single().Payload);
        var state = await app.Services.GetRequiredService<SyncStateStore>().GetAsync(demo.TenantId, demo.UserId, Core.Weeks.IsoWeek.Parse(items.Single().Payload.Week));
        Assert.IsTrue(state!.NeedsResync);
    }

    [TestMethod]
    public async Task ForgedNotifications_Get202_AndChangeNothing()
    {
        var (app, simulator, client, demo) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        var store = app.Services.GetRequiredService<SubscriptionStore>();
        await store.PutAsync(new GraphSubscription("sub-1", demo.TenantId, demo.UserId, "the-real-secret", TestClock.Shared.GetUtcNow().AddDays(3)));

        var wrongSecret = await PostAsync(client, Notification("sub-1", "the-real-secreT"));
        var unknownSubscription = await PostAsync(client, Notification("sub-404", "the-real-secret"));
        var noSecret = await PostAsync(client, """{"value":[{"subscriptionId":"sub-1"}]}""");

        Assert.AreEqual(HttpStatusCode.Accepted, wrongSecret.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, unknownSubscription.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, noSecret.StatusCode);
        Assert.AreEqual(0, await app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().ApproximateCountAsync());
        Assert.IsNull(await app.Services.GetRequiredService<SyncStateStore>().GetAsync(demo.TenantId, demo.UserId, Core.Weeks.IsoWeek.Containing(TestClock.Shared.GetUtcNow(), demo.TimeZone)));

        var genuine = await PostAsync(client, Notification("sub-1", "the-real-secret", lifecycle: "missed"));
        Assert.AreEqual(HttpStatusCode.Accepted, genuine.StatusCode);
        Assert.AreEqual(1, await app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().ApproximateCountAsync(), "a missed-notifications event asks for a delta re-sync");
    }

    [TestMethod]
    [DataRow("{not json", HttpStatusCode.BadRequest)]
    [DataRow("[]", HttpStatusCode.BadRequest)]
    [DataRow("""{"value":"nope"}""", HttpStatusCode.BadRequest)]
    public async Task MalformedBodies_Get400(string body, HttpStatusCode expected)
    {
        var (app, simulator, client, _) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        Assert.AreEqual(expected, (await PostAsync(client, body)).StatusCode);
        Assert.AreEqual(0, await app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().ApproximateCountAsync());
    }

    [TestMethod]
    public async Task TwentyThousandMadeUpEntries_AreRefusedAtOnce_WithoutATableRead_AndDuplicatesAreHandledOnce()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        await using var app = new AppFactory(SimulatedGraph.AppSettings(simulator));
        // The tables a notification can touch; background jobs (the schedule poll, heartbeats, leases) are not counted.
        string[] notificationTables = ["Subscriptions", "Users", "SyncState", "Tombstones"];
        var tableRequests = new CountingHandler(r => notificationTables.Any(t => r.RequestUri!.AbsolutePath.Contains(app.Storage.TablePrefix + t, StringComparison.Ordinal)));
        var clientOptions = app.Storage.TableClientOptions();
        clientOptions.Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(tableRequests));
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(new GlueTables(app.Storage, clientOptions));
            services.AddFakeLogging();
        }));
        using var client = counted.CreateClient();
        var demo = SimulatedProfiles.For(simulator.Tenant.Org, simulator.Tenant.Org.DemoUser);
        await counted.Services.GetRequiredService<UserStore>().UpsertAsync(demo);
        await counted.Services.GetRequiredService<SubscriptionStore>().PutAsync(new GraphSubscription("sub-1", demo.TenantId, demo.UserId, "the-real-secret", TestClock.Shared.GetUtcNow().AddDays(3)));
        var queue = counted.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();

        var madeUp = """{"value":[""" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{"subscriptionId":"made-{{i:D5}}","clientState":"gs"}""")) + "]}";
        Assert.IsTrue(madeUp.Length is > 1_000_000 and < GraphNotificationsApi.MaxBodyBytes, $"a 1 MB body within the size limit ({madeUp.Length} bytes)");
        var logs = counted.Services.GetFakeLogCollector();
        int NotificationLogLines() => logs.GetSnapshot(clear: true).Count(r => r.Category == typeof(SubscriptionManager).FullName);
        NotificationLogLines();
        var before = tableRequests.Count;
        using var refused = await PostAsync(client, madeUp);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), $"at most {GraphNotificationsApi.MaxNotifications} notifications");
        Assert.AreEqual(before, tableRequests.Count, "nothing was read or written");
        Assert.AreEqual(0, await queue.ApproximateCountAsync());
        Assert.AreEqual(1, NotificationLogLines(), "one line for the refused request");

        // 100 made-up entries (within the cap): accepted, nothing queued, one summary line instead of 100 warnings.
        var hundred = """{"value":[""" + string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"subscriptionId":"made-{{i:D5}}","clientState":"gs"}""")) + "]}";
        using (var ignored = await PostAsync(client, hundred))
        {
            Assert.AreEqual(HttpStatusCode.Accepted, ignored.StatusCode);
        }
        Assert.AreEqual(1, NotificationLogLines(), "one summary line per request");
        Assert.AreEqual(0, await queue.ApproximateCountAsync());

        // The same genuine notification 100 times (the most a request may carry): one subscription read, one re-sync.
        var repeated = """{"value":[""" + string.Join(",", Enumerable.Repeat("""{"subscriptionId":"sub-1","clientState":"the-real-secret","changeType":"updated"}""", 100)) + "]}";
        before = tableRequests.Count;
        using var accepted = await PostAsync(client, repeated);
        Assert.AreEqual(HttpStatusCode.Accepted, accepted.StatusCode, "the app still serves");
        Assert.AreEqual(4, tableRequests.Count - before, "one read of the subscription, one of the user, one write of the week's sync state, one look at the erasure tombstone");
        Assert.AreEqual(1, await queue.ApproximateCountAsync());
    }

    [TestMethod]
    public async Task OversizedBody_Gets413()
    {
        var (app, simulator, client, _) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        var huge = """{"value":[""" + string.Join(",", Enumerable.Repeat("""{"subscriptionId":"x","clientState":"y"}""", 40_000)) + "]}";
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, huge)).StatusCode);
    }

    [TestMethod]
    public async Task OversizedChunkedBody_WithoutALength_Gets413()
    {
        var (app, simulator, client, _) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        var huge = """{"value":[""" + string.Join(",", Enumerable.Repeat("""{"subscriptionId":"x","clientState":"y"}""", 40_000)) + "]}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(request)).StatusCode);
        Assert.AreEqual(0, await app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().ApproximateCountAsync());
    }

    [TestMethod]
    public async Task Renewal_ExtendsSoonExpiringSubscriptions_AndRecreatesLostOnes()
    {
        var (app, simulator, _, demo) = await StartAsync();
        await using var __ = simulator;
        await using var ___ = app;
        var manager = app.Services.GetRequiredService<SubscriptionManager>();
        var store = app.Services.GetRequiredService<SubscriptionStore>();
        var users = app.Services.GetRequiredService<UserStore>();
        var created = (await manager.CreateAsync(demo))!;
        await store.PutAsync(created with { ExpiresAt = TestClock.Shared.GetUtcNow().AddHours(3) });

        Assert.AreEqual(1, await manager.RenewDueAsync(users));
        var renewed = (await store.GetAsync(created.SubscriptionId))!;
        Assert.IsGreaterThan(TestClock.Shared.GetUtcNow().AddDays(6), renewed.ExpiresAt);

        await app.Services.GetRequiredService<Graph.TenantGraphClients>().For(SimulatedOrg.TenantId).Subscriptions.DeleteAsync(created.SubscriptionId);
        await store.PutAsync(renewed with { ExpiresAt = TestClock.Shared.GetUtcNow().AddHours(1) });
        await manager.RenewDueAsync(users);
        var all = await store.ListAsync().ToListAsync();
        Assert.AreEqual(demo.UserId, all.Single().UserId);
        Assert.AreNotEqual(created.SubscriptionId, all.Single().SubscriptionId, "a lost subscription is made again");
        Assert.AreEqual(SimulatedOrg.TenantId, all.Single().TenantId);

        // The user deletes their data: the next renewal ends the subscription instead of keeping it alive.
        await users.DeleteAsync(demo.TenantId, demo.UserId);
        await store.PutAsync(all.Single() with { ExpiresAt = TestClock.Shared.GetUtcNow().AddHours(1) });
        Assert.AreEqual(0, await manager.RenewDueAsync(users));
        Assert.IsEmpty(await store.ListAsync().ToListAsync());
        Assert.IsFalse(simulator.Tenant.Subscriptions.All.Any(s => s.Id == all.Single().SubscriptionId));
    }

    internal static async Task<IReadOnlyList<WorkItem<SyncWorkItem>>> WaitForItemsAsync(WorkQueue<SyncWorkItem> queue)
    {
        for (var i = 0; i < 100; i++)
        {
            var items = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
            if (items.Count > 0)
            {
                return items;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No sync item was queued within 10 s.");
    }
}
