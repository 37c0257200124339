using GlueTeams.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.Testing;

/// <summary>
/// The app in-process, on Azurite tables of its own, with extra settings per test class. Outbound connector calls go
/// to <see cref="Connector"/>, which records them; the connector's token comes from <see cref="Tokens"/>.
/// </summary>
/// <remarks>Typed by a class of the App rather than its Program, so that the benchmarks (which have a Program of their own) can host it too.</remarks>
/// <param name="storage">Tables shared with another instance (several app instances, or a restart); new ones when null.</param>
/// <param name="realConnector">Whether connector calls go over HTTP to the serviceUrl (the connector simulator on Kestrel) instead of to <see cref="Connector"/>.</param>
/// <param name="services">More test services (fake logging, a storage request counter), registered last.</param>
public sealed class AppFactory(IReadOnlyDictionary<string, string?>? settings = null, GlueTeams.Storage.StorageOptions? storage = null, string environment = "Development",
    bool realConnector = false, Action<IServiceCollection>? services = null) : WebApplicationFactory<GlueTeams.App.Auth.TabsOptions>
{
    public GlueTeams.Storage.StorageOptions Storage { get; } = storage ?? Azurite.NewStorageOptions();

    /// <summary>
    /// <paramref name="settings"/> over waits long enough that a loaded machine never turns a healthy answer into a
    /// fallback or a 503 (a request's 30 s, the directory's and the calendar's 10 s; production has 5, 3 and 5 s), for
    /// hosts whose tests expect the answer itself. An outage test sets the waits it sits through (GraphOutageTests).
    /// </summary>
    public static Dictionary<string, string?> WithPatientWaits(IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Waits:ApiRequest"] = "00:00:30", ["Waits:Directory"] = "00:00:10", ["Waits:Calendar"] = "00:00:10" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }
    public RecordingHandler Connector { get; } = new();
    public CountingTokenSource Tokens { get; } = new("connector-token");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:ConnectionString", Storage.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", Storage.TablePrefix);
        builder.UseSetting("Bot:AllowedServiceUrlHosts:0", "smba.trafficmanager.net");
        builder.UseSetting("Bot:AllowedServiceUrlHosts:1", "localhost");
        if (realConnector)
        {
            builder.UseSetting("Bot:AllowedServiceUrlHosts:2", "127.0.0.1"); // the connector simulator
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(testServices =>
        {
            testServices.AddSingleton<TimeProvider>(TestClock.Shared);
            testServices.AddSingleton<IConnectorTokenSource>(Tokens);
            if (!realConnector)
            {
                testServices.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => Connector);
            }
            services?.Invoke(testServices);
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connector.Dispose();
        }
        base.Dispose(disposing);
    }
}
