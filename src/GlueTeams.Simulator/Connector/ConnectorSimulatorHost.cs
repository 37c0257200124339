using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GlueTeams.Simulator.Connector;

/// <summary>The simulated Bot Connector in-process on a free loopback port (Kestrel), for tests and benchmarks.</summary>
public sealed class ConnectorSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConnectorSimulatorHost(WebApplication app, SimulatedConnector connector, Uri baseUrl) => (_app, Connector, BaseUrl) = (app, connector, baseUrl);

    public SimulatedConnector Connector { get; }
    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }
    /// <summary>The serviceUrl to put on activities: http://127.0.0.1:PORT/connector/</summary>
    public Uri ServiceUrl => new(BaseUrl, ConnectorEndpoints.Prefix.TrimStart('/') + "/");

    public static async Task<ConnectorSimulatorHost> StartAsync(SimulatedConnector? connector = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        connector ??= new SimulatedConnector();
        app.MapConnectorSimulator(connector);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConnectorSimulatorHost(app, connector, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
