using GlueTeams.Graph;
using GlueTeams.Graph.Auth;
using GlueTeams.Graph.Calendars;
using GlueTeams.Graph.Directory;
using GlueTeams.Simulator;
using Microsoft.Graph;

namespace GlueTeams.Testing;

/// <summary>The in-process simulator and our Graph client pointed at it, authenticated with the simulator's dev tokens.</summary>
public sealed class SimulatedGraph : IAsyncDisposable
{
    private SimulatedGraph(SimulatorHost host, GraphOptions options)
    {
        Host = host;
        Options = options;
        var credential = GraphCredentials.From(options);
        Client = GraphClients.Create(options, credential, Counters);
        Calendars = new CalendarReader(Client, options, Counters);
        Directory = new DirectoryReader(Client);
        Clients = new TenantGraphClients(options, _ => credential, Counters, TestClock.Shared);
    }

    public SimulatorHost Host { get; }
    public SimulatedTenant Tenant => Host.Tenant;
    public GraphOptions Options { get; }
    public GraphCounters Counters { get; } = new();
    public GraphServiceClient Client { get; }
    public CalendarReader Calendars { get; }
    public DirectoryReader Directory { get; }
    /// <summary>Graph per tenant as a self-hosted app builds it: the one credential (the simulated tenant's).</summary>
    public TenantGraphClients Clients { get; }

    /// <summary>App settings that point Graph at <paramref name="host"/>, with no background sync worker (tests drive it).</summary>
    public static Dictionary<string, string?> AppSettings(SimulatorHost host, IReadOnlyDictionary<string, string?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = host.GraphBaseUrl,
            ["Graph:DevTokenUrl"] = new Uri(host.BaseUrl, "dev/graph/token").ToString(),
            ["Graph:TenantId"] = Simulator.Org.SimulatedOrg.TenantId,
            ["Sync:RunWorker"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public static async Task<SimulatedGraph> StartAsync(SimulatorOptions? simulator = null, int pageSize = 100, int maxStepRetries = 10)
    {
        var host = await SimulatorHost.StartAsync(simulator ?? new SimulatorOptions { Users = 60 }, TestClock.Shared);
        return new SimulatedGraph(host, new GraphOptions
        {
            BaseUrl = host.GraphBaseUrl,
            DevTokenUrl = new Uri(host.BaseUrl, "dev/graph/token"),
            PageSize = pageSize,
            MaxStepRetries = maxStepRetries,
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Clients.Dispose();
        await Host.DisposeAsync();
    }
}
