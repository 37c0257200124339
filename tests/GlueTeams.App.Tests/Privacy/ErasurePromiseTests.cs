using System.Net;
using System.Text;
using Azure.Data.Tables;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Bot;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>
/// "A user can delete all their data with one command", complete and final: after "delete my data" no table and no
/// queue holds anything that names them, Graph no longer notifies us about them, and nothing they or Teams do
/// (a card refresh, "this week", a notification) brings anything back until they say "start".
/// </summary>
[TestClass]
public sealed class ErasurePromiseTests
{
    /// <summary>The app on a real loopback port (Graph validates the notification URL), Graph = the simulator, no workers.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private Host(SimulatorHost simulator, AppFactory app)
        {
            Simulator = simulator;
            App = app;
        }

        public SimulatorHost Simulator { get; }
        public AppFactory App { get; }
        public SimulatedUser User => Simulator.Tenant.Org.DemoUser;
        public const string TenantId = SimulatedOrg.TenantId;
        public GlueTables Tables => App.Services.GetRequiredService<GlueTables>();
        public WorkQueue<SyncWorkItem> Queue => App.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();

        public static async Task<Host> StartAsync()
        {
            var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
            var port = Azurite.FreePort();
            var app = new AppFactory(SimulatedGraph.AppSettings(simulator, new Dictionary<string, string?>
            {
                ["Graph:NotificationUrl"] = $"http://127.0.0.1:{port}/api/graph/notifications",
            }));
            app.UseKestrel(port);
            app.StartServer();
            await app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync();
            return new Host(simulator, app);
        }

        public async Task<HttpResponseMessage> PostAsync(string userId, string type, Action<System.Text.Json.Nodes.JsonObject>? shape = null)
        {
            var activity = PrivacyHost.BotActivity(userId, type);
            shape?.Invoke(activity);
            using var client = App.CreateClient();
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            return await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        }

        public Task<HttpResponseMessage> MessageAsync(string text) => PostAsync(User.Id, "message", a => a["text"] = text);

        public Task<HttpResponseMessage> InstallAsync() => PostAsync(User.Id, "installationUpdate", a => a["action"] = "add");

        public Task<HttpResponseMessage> InvokeAsync(string verb) => PostAsync(User.Id, "invoke", a =>
        {
            a["name"] = "adaptiveCard/action";
            a["value"] = new System.Text.Json.Nodes.JsonObject { ["action"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Action.Execute", ["verb"] = verb } };
        });

        /// <summary>The user's data, as it would be after a few weeks: a synced week, a subscription, a queued re-sync, a manager's view.</summary>
        public async Task FillAsync()
        {
            // Evidence about the user (their manager's acknowledgement, a nudge they dismissed, their artifact's reach), written
            // first so that the messages below leave the outbox as much time as before.
            var week = new GlueTeams.Core.Weeks.IsoWeek(2026, 47);
            await App.Services.GetRequiredService<GlueTeams.Storage.Evidence.AcknowledgementStore>().AddAsync(new(
                "", TenantId, User.Id, User.ManagerId!, "Their manager", null, week, week, "glue work that week", "Thank you", TestClock.Shared.GetUtcNow(), true));
            await App.Services.GetRequiredService<GlueTeams.Storage.Evidence.NudgeDismissals>().DismissAsync(TenantId, User.Id, "repeat:onboarding:someone");
            await App.Services.GetRequiredService<GlueTeams.Storage.Evidence.ArtifactReachStore>().PutAsync(new(
                TenantId, User.Id, new Uri("https://contoso.sharepoint.com/guide.docx"), GlueTeams.Storage.Evidence.ReachStatus.Known, 12, 5, TestClock.Shared.GetUtcNow()));
            Assert.AreEqual(HttpStatusCode.OK, (await InstallAsync()).StatusCode);
            Assert.AreEqual(HttpStatusCode.OK, (await MessageAsync("this week")).StatusCode);
            await App.Services.GetRequiredService<AuditLog>().AppendAsync(TenantId, User.Id, User.ManagerId!, "manager-viewed-member-summary", "");
            Assert.AreEqual(HttpStatusCode.Accepted, (await NotifyAsync(Simulator.Tenant.Subscriptions.All.Single(s => s.UserId == User.Id))).StatusCode);
            Assert.IsNotEmpty(await RowsNamingAsync(), "the scan sees the user's data before the erasure");
            Assert.IsTrue((await Queue.PeekTextsAsync()).Any(t => t.Contains(User.Id, StringComparison.Ordinal)));
        }

        /// <summary>A change notification as Graph posts it for <paramref name="subscription"/>.</summary>
        public async Task<HttpResponseMessage> NotifyAsync(GlueTeams.Simulator.Subscriptions.SimulatedSubscription subscription)
        {
            using var client = App.CreateClient();
            using var body = new StringContent(
                $$"""{"value":[{"subscriptionId":"{{subscription.Id}}","clientState":"{{subscription.ClientState}}","changeType":"updated","resource":"Users/x/Events/y"}]}""",
                Encoding.UTF8, "application/json");
            return await client.PostAsync(new Uri("/api/graph/notifications", UriKind.Relative), body);
        }

        /// <summary>Every row of every table (<see cref="GlueTables.All"/>) and every queued item that names the user in any way.</summary>
        public async Task<List<string>> RowsNamingAsync()
        {
            string[] names = [User.Id, TableKeys.UserPartition(TenantId, User.Id), "29:" + User.Id, User.Mail, TableKeys.Encode(User.Id)];
            var found = new List<string>();
            foreach (var table in Tables.All)
            {
                await foreach (var row in table.QueryAsync<TableEntity>())
                {
                    var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
                    if (names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{table.Name}: {text}");
                    }
                }
            }
            found.AddRange((await Queue.PeekTextsAsync()).Where(t => names.Any(n => t.Contains(n, StringComparison.OrdinalIgnoreCase))).Select(t => "queue: " + t));
            return found;
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Simulator.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task DeleteMyData_NothingAnywhere_AndGraphNoLongerNotifies()
    {
        await using var host = await Host.StartAsync();
        await host.FillAsync();

        var response = await host.InvokeAsync("confirmDelete");
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "Your data is deleted");

        var left = await host.RowsNamingAsync();
        Assert.IsEmpty(left, string.Join("\n", left));
        Assert.IsFalse(host.Simulator.Tenant.Subscriptions.All.Any(s => s.UserId == host.User.Id), "the subscription is ended at Graph too");
        Assert.IsTrue(await host.App.Services.GetRequiredService<ErasureTombstones>().IsErasedAsync(Host.TenantId, host.User.Id));
        // The app still serves: another user installs and is registered.
        var other = host.Simulator.Tenant.Org.Users.First(u => u.Id != host.User.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await host.PostAsync(other.Id, "installationUpdate", a => a["action"] = "add")).StatusCode);
        Assert.IsNotNull(await host.App.Services.GetRequiredService<UserStore>().GetAsync(Host.TenantId, other.Id));
    }

    [TestMethod]
    public async Task AfterErasure_RefreshThisWeekAndTags_RecreateNothing_UntilStart()
    {
        await using var host = await Host.StartAsync();
        await host.FillAsync();
        var subscription = host.Simulator.Tenant.Subscriptions.All.Single(s => s.UserId == host.User.Id);
        await host.InvokeAsync("confirmDelete");

        // A notification Graph had in flight for the ended subscription: accepted, and nothing queued or marked.
        Assert.AreEqual(HttpStatusCode.Accepted, (await host.NotifyAsync(subscription)).StatusCode);
        // Teams refreshes an old weekly card when it is viewed; the user taps an old button; types "this week".
        var refresh = await host.InvokeAsync("refresh");
        Assert.AreEqual(HttpStatusCode.OK, refresh.StatusCode);
        StringAssert.Contains(await refresh.Content.ReadAsStringAsync(), "You deleted your Glueprint data");
        await host.InvokeAsync("confirmAll");
        await host.InvokeAsync("settings");
        await host.MessageAsync("this week");
        await host.MessageAsync("summary");
        await host.App.Services.GetRequiredService<GlueTeams.App.Bot.WeeklyCardScheduler>().SendDueAsync(CancellationToken.None);

        var left = await host.RowsNamingAsync();
        Assert.IsEmpty(left, string.Join("\n", left));

        // "start" is the explicit way back: the profile returns and the tombstone goes.
        await host.MessageAsync("start");
        Assert.IsNotNull(await host.App.Services.GetRequiredService<UserStore>().GetAsync(Host.TenantId, host.User.Id));
        Assert.IsFalse(await host.App.Services.GetRequiredService<ErasureTombstones>().IsErasedAsync(Host.TenantId, host.User.Id));
    }

    [TestMethod]
    public async Task ThisWeekRacingTheErasure_LeavesNothing()
    {
        await using var host = await Host.StartAsync();
        await host.FillAsync();
        // Graph slow: "this week" is reading the calendar while the erasure runs, and writes after it started.
        host.Simulator.Tenant.Faults.Latency = TimeSpan.FromMilliseconds(1500);
        var thisWeek = host.MessageAsync("this week");
        await Task.Delay(300);
        var erase = host.InvokeAsync("confirmDelete");
        await Task.WhenAll(thisWeek, erase);
        host.Simulator.Tenant.Faults.Latency = TimeSpan.Zero;

        var left = await host.RowsNamingAsync();
        Assert.IsEmpty(left, string.Join("\n", left));
    }
}
