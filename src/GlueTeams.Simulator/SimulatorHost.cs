using System.Net;
using GlueTeams.Simulator.Api;
using GlueTeams.Simulator.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GlueTeams.Simulator;

/// <summary>
/// The simulator running in-process on a free loopback port, for tests and benchmarks: Graph under
/// <see cref="GraphBaseUrl"/>, the development token issuer under /dev, and the two tenants to inspect and change
/// (each request is served by the tenant its token names).
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorHost(WebApplication app, SimulatedTenant tenant, SimulatedTenant secondTenant, DevTokenIssuer issuer, Uri baseUrl)
    {
        _app = app;
        Tenant = tenant;
        SecondTenant = secondTenant;
        Issuer = issuer;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }
    /// <summary>http://127.0.0.1:PORT/v1.0, the base URL to give the Graph SDK.</summary>
    public string GraphBaseUrl => BaseUrl.AbsoluteUri + "v1.0";
    /// <summary>The first tenant (<see cref="Org.SimulatedOrg.TenantId"/>), the one tests used before there were two.</summary>
    public SimulatedTenant Tenant { get; }
    /// <summary>Another organisation (<see cref="Org.SimulatedOrg.SecondTenantId"/>): its own people, calendars and tokens.</summary>
    public SimulatedTenant SecondTenant { get; }
    public IReadOnlyList<SimulatedTenant> Tenants => [Tenant, SecondTenant];
    public DevTokenIssuer Issuer { get; }

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var tenant = new SimulatedTenant(options ?? new SimulatorOptions(), time);
        var second = new SimulatedTenant(tenant.Options, time, Org.SimulatedOrg.SecondTenantId);
        var issuer = new DevTokenIssuer(time);
        app.MapGraphSimulator([tenant, second], issuer);
        app.MapDevTokenIssuer(issuer, tenant.Options.ApiAudience, [tenant, second]);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, tenant, second, issuer, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the simulator; a second call does nothing (a test may stop it early as a fault).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Tenant.DisposeAsync();
        await SecondTenant.DisposeAsync();
    }
}
