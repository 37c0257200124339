using Microsoft.Extensions.DependencyInjection;
using System.Net;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Hosting;

namespace GlueTeams.App.Tests.Hosting;

[TestClass]
public sealed class HealthTests
{
    [TestMethod]
    public async Task Healthz_And_Readyz_AreHealthyWithStorage()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient();
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Readyz_StorageDown_IsUnhealthyButHealthzIsLive()
    {
        // A table endpoint on a closed loopback port: the process is up, its storage is not.
        var closedPort = Azurite.FreePort();
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};TableEndpoint=http://127.0.0.1:{closedPort}/{Azurite.AccountName};",
            ["Storage:MaxRetries"] = "0", // no need to wait out Azure's default retries against a closed port
        });
        using var client = app.CreateClient();
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Telemetry_IsExportedOnlyWhenApplicationInsightsIsConfigured()
    {
        await using (var without = new AppFactory())
        {
            Assert.IsNull(without.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        }
        // An ingestion endpoint on a closed loopback port, and no statsbeat: nothing leaves the machine.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        var closedPort = Azurite.FreePort();
        await using var with = new AppFactory(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:{closedPort}/",
        });
        using var client = with.CreateClient();
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.IsNotNull(with.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.IsNotNull(with.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }
}
