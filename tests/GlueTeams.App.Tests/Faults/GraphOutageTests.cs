using System.Globalization;
using System.Net;
using System.Text.Json;
using GlueTeams.App.Bot;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Faults;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Sync;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Faults;

/// <summary>
/// Graph down, throttled or hanging: "this week" shows the stored week with a note saying when it was read from the
/// calendar, the API answers 503 with Retry-After (<see cref="GraphOutageApiTests"/>), and once Graph is back everything
/// works as before.
/// </summary>
[TestClass]
public sealed class GraphOutageTests
{
    public enum Outage { Unavailable, ThrottleStorm, Hang }

    internal static void Break(SimulatorFaults faults, Outage outage)
    {
        switch (outage)
        {
            case Outage.Unavailable: faults.UnavailableShare = 1; break;
            case Outage.ThrottleStorm: faults.ThrottleShare = 1; break;
            case Outage.Hang: faults.Latency = TimeSpan.FromMinutes(5); break;
        }
    }

    /// <summary>
    /// The production waits that an outage sits through (5 s for a request, 5 s for the calendar) with the directory's
    /// short: test hosts otherwise wait long (AppFactory.WithPatientWaits), and the healthy answers before and after the
    /// outage must come within these on a loaded machine as they must in production.
    /// </summary>
    internal static readonly Dictionary<string, string?> ShortWaits = new()
    {
        ["Waits:ApiRequest"] = "00:00:05",
        ["Waits:Directory"] = "00:00:01",
        ["Waits:Calendar"] = "00:00:05",
    };

    /// <summary>Only the directory's wait short, for tests whose answer falls back: the request keeps the test hosts' long one.</summary>
    internal static readonly Dictionary<string, string?> ShortDirectoryWait = new() { ["Waits:Directory"] = "00:00:00.500" };

    internal static void Mend(SimulatorFaults faults)
    {
        faults.UnavailableShare = 0;
        faults.ThrottleShare = 0;
        faults.Latency = TimeSpan.Zero;
    }

    [TestMethod]
    [DataRow(Outage.Unavailable)]
    [DataRow(Outage.ThrottleStorm)]
    [DataRow(Outage.Hang)]
    public async Task This_week_while_Graph_fails_shows_the_stored_week_and_when_it_was_read(Outage outage)
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20 }, TestClock.Shared);
        await using var bot = new BotHarness(SimulatedGraph.AppSettings(simulator, ShortWaits));
        await bot.PostAsync(bot.Message("this week"));
        var stored = await bot.StoredAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId);
        Assert.IsNotEmpty(stored, "the healthy sync stored the week");
        Assert.IsNull(BotHarness.Notice(bot.SentCards()[0]));

        Break(simulator.Tenant.Faults, outage);
        using (var answer = await bot.PostAsync(bot.Message("this week")))
        {
            Assert.IsTrue(answer.IsSuccessStatusCode, $"the turn answered {answer.StatusCode}");
        }

        var profile = (await bot.Users.GetAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId))!;
        var state = await bot.App.Services.GetRequiredService<SyncStateStore>().GetAsync(SimulatedOrg.TenantId, SimulatedOrg.DemoUserId, stored[0].Record.Week);
        var readAt = TimeZoneInfo.ConvertTime(state!.LastSyncedAt!.Value, profile.TimeZone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        var degraded = bot.SentCards()[1];
        Assert.AreEqual($"Couldn't reach your calendar: showing what was stored on {readAt}.", BotHarness.Notice(degraded));
        StringAssert.Contains(BotHarness.Texts(degraded), stored[0].Record.Title, "the stored rows are on the card");

        Mend(simulator.Tenant.Faults);
        await bot.PostAsync(bot.Message("this week"));
        Assert.HasCount(3, bot.SentCards(), "the app still serves");
        Assert.IsNull(BotHarness.Notice(bot.SentCards()[2]), "with Graph back, the card is fresh again");
    }
}

/// <summary>
/// The API's side of <see cref="GraphOutageTests"/>: while Graph fails, throttles or hangs, the routes that need it answer
/// 503 with Retry-After in problem details, and serve again once it is back. A class of its own, so that the two run
/// side by side.
/// </summary>
[TestClass]
public sealed class GraphOutageApiTests
{
    [TestMethod]
    [DataRow(GraphOutageTests.Outage.Unavailable)]
    [DataRow(GraphOutageTests.Outage.ThrottleStorm)]
    [DataRow(GraphOutageTests.Outage.Hang)]
    public async Task Api_routes_while_Graph_fails_answer_503_with_Retry_After_then_recover(GraphOutageTests.Outage outage)
    {
        await using var host = await TabApiHost.StartAsync(GraphOutageTests.ShortWaits);
        var engineer = host.Report(0);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.Org, engineer, sharingDefault: true));
        using var client = host.ClientFor(engineer.Id);
        using var managerClient = host.ClientFor(host.Manager.Id);

        GraphOutageTests.Break(host.Graph.Tenant.Faults, outage);
        // The routes are asked at once, as a tab's page asks them: each waits out the outage on its own.
        await Task.WhenAll(new[] { (client, "/api/tags/AAMkAGI2TAAA="), (client, "/api/me/profile"), (managerClient, "/api/team/summary") }.Select(async call =>
        {
            var (who, route) = call;
            using var response = await who.GetAsync(new Uri(route, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, $"{route}: {body}");
            Assert.IsNotNull(response.Headers.RetryAfter?.Delta, $"{route} says when to retry");
            Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, route);
            Assert.AreEqual(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32(), route);
        }));

        GraphOutageTests.Mend(host.Graph.Tenant.Faults);
        using var recovered = await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, recovered.StatusCode, "the app still serves");
    }
}
