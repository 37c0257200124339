using System.Net;
using GlueTeams.App.Tests.Api;
using GlueTeams.Storage;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Faults;

/// <summary>
/// Storage is an Azurite of the test's own, stopped and started again: the app starts without it, is not ready, then
/// becomes ready and serves once storage answers, without a restart; while storage is cut, the API answers 503.
/// </summary>
[TestClass]
public sealed class StorageOutageTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    [TestMethod]
    public async Task Storage_down_at_start_then_up_the_app_creates_its_tables_and_serves_without_a_restart()
    {
        var ports = AzuritePorts.Free();
        var location = Directory.CreateTempSubdirectory("glue-azurite-").FullName;
        var storage = Azurite.StorageOptionsFor(ports.Table, ports.Queue);
        await using var host = await TabApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:MaxRetries"] = "0", // an outage test need not wait out Azure's default retries
            ["Storage:NetworkTimeout"] = "00:00:05",
        }, storage: storage);
        var engineer = host.Report(0);
        using var client = host.ClientFor(engineer.Id);
        using var anonymous = host.ClientWith(null);
        var summary = new Uri($"/api/me/summary?to={TabApiHost.CurrentWeek}", UriKind.Relative);

        Assert.AreEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, "the app started");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        await AssertUnavailableAsync(client, summary);
        using (var notification = await anonymous.PostAsync(new Uri("/api/graph/notifications", UriKind.Relative),
            new StringContent("""{"value":[{"subscriptionId":"sub-1","clientState":"x"}]}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, notification.StatusCode, "Graph is asked to deliver the notification again later");
            Assert.IsNotNull(notification.Headers.RetryAfter?.Delta);
        }

        var azurite = Azurite.StartServer(ports, location);
        try
        {
            await WaitUntilReadyAsync(anonymous);
            var tables = host.App.Services.GetRequiredService<GlueTables>();
            foreach (var table in tables.All)
            {
                Assert.IsTrue((await tables.Service.QueryAsync(t => t.Name == table.Name).ToListAsync()).Count == 1, $"table {table.Name} exists");
            }
            await host.SeedAsync(engineer, SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek, TabApiHost.CurrentWeek));
            Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(summary)).StatusCode);

            // Storage cut while the app runs: 503 with Retry-After, the process stays up, and it serves again after
            // (Azurite may come back without tables it had not saved yet: the app then creates them again).
            await azurite.DisposeAsync();
            await AssertUnavailableAsync(client, summary);
            Assert.AreEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
            azurite = Azurite.StartServer(ports, location);
            await WaitUntilReadyAsync(anonymous);
            using var response = await client.GetAsync(summary);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "glueMinutes");
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    private static async Task AssertUnavailableAsync(HttpClient client, Uri route)
    {
        using var response = await client.GetAsync(route);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, body);
        Assert.IsNotNull(response.Headers.RetryAfter?.Delta, "says when to retry");
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(body, "Storage is not answering");
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        while ((await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode != HttpStatusCode.OK)
        {
            Assert.IsLessThan(deadline, DateTimeOffset.UtcNow, "the app became ready once storage answered");
            await Task.Delay(250);
        }
    }
}
