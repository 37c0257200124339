using GlueTeams.App.Cli;
using GlueTeams.App.Extensions;
using GlueTeams.App.Sync;
using GlueTeams.Storage.Queues;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Cli;

[TestClass]
public sealed class SyncCommandTests
{
    private static async Task<(WebApplication App, SimulatorHost Simulator)> StartAsync(SimulatorOptions simulator)
    {
        var host = await SimulatorHost.StartAsync(simulator, TestClock.Shared);
        var storage = Azurite.NewStorageOptions();
        // Development: the simulator's plain-http Graph and dev token issuer are refused anywhere else.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Microsoft.Extensions.Hosting.Environments.Development });
        builder.Configuration.AddInMemoryCollection(SimulatedGraph.AppSettings(host, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Storage:TablePrefix"] = storage.TablePrefix,
        }));
        builder.AddGlueStorage();
        builder.AddGlueSync();
        var app = builder.Build();
        await app.Services.GetRequiredService<GlueTables>().EnsureCreatedAsync();
        var users = app.Services.GetRequiredService<UserStore>();
        foreach (var user in host.Tenant.Org.Users)
        {
            await users.UpsertAsync(SimulatedProfiles.For(host.Tenant.Org, user));
        }
        return (app, host);
    }

    [TestMethod]
    public async Task Sync_AllUsers_ShowsProgressAndSummary_ExitsZero()
    {
        var (app, simulator) = await StartAsync(new SimulatorOptions { Users = 45 });
        await using var _ = simulator;
        await using var __ = app;
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await SyncCommand.RunAsync(["--week", "2026-W47"], app.Services, output, errors);

        Assert.AreEqual(0, exit, output + errors.ToString());
        StringAssert.Contains(output.ToString(), "Synced 45 of 45 users for 2026-W47");
        StringAssert.Contains(errors.ToString(), "45/45 users");
        StringAssert.Contains(errors.ToString(), "Graph requests");
    }

    [TestMethod]
    public async Task Sync_UnknownUser_IsListedWithTheReason_ExitsOne()
    {
        var (app, simulator) = await StartAsync(new SimulatorOptions { Users = 10 });
        await using var _ = simulator;
        await using var __ = app;
        var known = simulator.Tenant.Org.Users[3];
        using var output = new StringWriter();

        var exit = await SyncCommand.RunAsync(["--week", "2026-W47", "--users", $"{known.Mail},nobody@nowhere.example"], app.Services, output, TextWriter.Null);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(output.ToString(), "Synced 1 of 1 users");
        StringAssert.Contains(output.ToString(), "failed: nobody@nowhere.example: no such user");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "poisoned by another instance")]
    [DataRow(false, DisplayName = "removed by another instance")]
    public async Task Sync_AnItemAnotherInstanceTakesAndNeverFinishes_EndsTheCommand_ListingThatUser_AndTheNextSyncServes(bool poison)
    {
        var (app, simulator) = await StartAsync(new SimulatorOptions { Users = 40 });
        await using var _ = simulator;
        await using var __ = app;
        var queue = app.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();
        var worker = app.Services.GetRequiredService<SyncWorker>();
        string? lost = null;
        // Another instance, while this process works its first 32 items: it takes the rest, and one of them it never finishes.
        void OtherInstance(GlueTeams.App.Sync.UserSyncResult finished)
        {
            if (lost is not null)
            {
                return;
            }
            var taken = queue.ReceiveAsync(32, TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
            lost = taken[0].Payload.UserId;
            (poison ? queue.MoveToPoisonAsync(taken[0]) : queue.CompleteAsync(taken[0])).GetAwaiter().GetResult();
            foreach (var other in taken.Skip(1))
            {
                queue.RetryLaterAsync(other, TimeSpan.Zero).GetAwaiter().GetResult();
            }
        }
        worker.UserFinished += OtherInstance;
        using var output = new StringWriter();
        // A command that never ends fails here as a cancellation, not as a hung run.
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var exit = await SyncCommand.RunAsync(["--week", "2026-W47"], app.Services, output, TextWriter.Null, hang.Token);
        worker.UserFinished -= OtherInstance;

        Assert.IsNotNull(lost, "the other instance took an item");
        Assert.AreEqual(1, exit, output.ToString());
        StringAssert.Contains(output.ToString(), "Synced 39 of 40 users for 2026-W47");
        StringAssert.Contains(output.ToString(), $"failed: {lost}: {SyncCommand.NotFinishedElsewhere}");
        using var again = new StringWriter();
        Assert.AreEqual(0, await SyncCommand.RunAsync(["--week", "2026-W47", "--users", lost], app.Services, again, TextWriter.Null, hang.Token), again.ToString());
        StringAssert.Contains(again.ToString(), "Synced 1 of 1 users");
    }

    [TestMethod]
    [DataRow(new string[0], "--week is required")]
    [DataRow(new[] { "--week", "2026-W99" }, "--week needs an ISO week")]
    [DataRow(new[] { "--week", "2026-W47", "--bogus" }, "Unexpected argument")]
    public async Task Sync_BadArguments_ExitTwoWithUsage(string[] args, string message)
    {
        using var errors = new StringWriter();
        var exit = await SyncCommand.RunAsync(args, new ServiceCollection().BuildServiceProvider(), TextWriter.Null, errors);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(errors.ToString(), message);
        StringAssert.Contains(errors.ToString(), "usage: sync");
    }
}
