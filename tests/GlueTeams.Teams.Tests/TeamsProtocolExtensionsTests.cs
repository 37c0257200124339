using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Auth;
using GlueTeams.Teams.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GlueTeams.Teams.Tests;

[TestClass]
public sealed class TeamsProtocolExtensionsTests
{
    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTeamsProtocol();
        return builder.Build();
    }

    [TestMethod]
    public async Task A_development_host_resolves_the_validator_and_the_connector_client()
    {
        using var host = Build(Environments.Development, new() { ["Bot:AllowedServiceUrlHosts:0"] = "localhost" });
        await host.StartAsync();

        // The resolved connector client is the one wired to the configured allow-list: a host outside it gets no request.
        var refused = await host.Services.GetRequiredService<ConnectorClient>()
            .SendAsync(Samples.TenantId, new Uri("https://smba.trafficmanager.net/amer/"), "a:chat", Activity.Message("hi"), CancellationToken.None);
        Assert.AreEqual(ConnectorFailure.ServiceUrlNotAllowed, refused.Failure);
        var allowList = host.Services.GetRequiredService<ServiceUrlAllowList>();
        Assert.IsTrue(allowList.IsAllowed(new Uri("http://localhost:56150/_connector")));
        Assert.IsFalse(allowList.IsAllowed(new Uri("https://smba.trafficmanager.net/amer/")), "a configured list replaces the defaults");
        Assert.IsNull(await host.Services.GetRequiredService<IConnectorTokenSource>().GetTokenAsync(CancellationToken.None), "anonymous: no token");
        await host.StopAsync();
    }

    [TestMethod]
    public void Without_configured_hosts_the_Teams_connector_hosts_are_allowed()
    {
        using var host = Build(Environments.Production, new() { ["Bot:AppId"] = "app", ["Bot:AppPassword"] = "secret" });

        var allowList = host.Services.GetRequiredService<ServiceUrlAllowList>();

        Assert.IsTrue(allowList.IsAllowed(new Uri("https://smba.trafficmanager.net/amer/")));
        Assert.IsFalse(allowList.IsAllowed(new Uri("http://localhost:56150/_connector")));
    }

    [TestMethod]
    public async Task A_production_host_with_a_loopback_service_url_host_refuses_to_start()
    {
        using var host = Build(Environments.Production, new()
        {
            ["Bot:AppId"] = "app", ["Bot:AppPassword"] = "secret", ["Bot:AllowedServiceUrlHosts:0"] = "127.0.0.1",
        });

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());
        StringAssert.Contains(error.Message, "loopback");
    }
}
