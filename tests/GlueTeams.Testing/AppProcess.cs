using System.Diagnostics;
using System.Globalization;
using GlueTeams.Storage;

namespace GlueTeams.Testing;

/// <summary>
/// The GlueTeams app and the simulated tenant as real processes on free loopback ports, in Development: the app on
/// Azurite tables of its own, reading calendars from the simulator through Graph.
/// </summary>
public static class AppProcess
{
    public static (ChildProcess Process, Uri BaseAddress) StartSimulator()
    {
        var (info, port, url) = Dotnet("GlueTeams.Simulator");
        info.Environment["Simulator__Users"] = "150";
        return (ChildProcess.Start(info, port), url);
    }

    public static (ChildProcess Process, Uri BaseAddress) Start(StorageOptions storage, Uri simulator)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(simulator);
        var (info, port, url) = Dotnet("GlueTeams.App");
        info.Environment["Storage__ConnectionString"] = storage.ConnectionString;
        info.Environment["Storage__TablePrefix"] = storage.TablePrefix;
        info.Environment["Bot__AllowedServiceUrlHosts__0"] = "localhost";
        info.Environment["Graph__BaseUrl"] = new Uri(simulator, "v1.0").AbsoluteUri;
        info.Environment["Graph__DevTokenUrl"] = new Uri(simulator, "dev/graph/token").AbsoluteUri;
        info.Environment["Graph__TenantId"] = Simulator.Org.SimulatedOrg.TenantId;
        return (ChildProcess.Start(info, port), url);
    }

    /// <summary>`dotnet PROJECT.dll --urls` on a free port, in Development, from the same build configuration as the tests.</summary>
    private static (ProcessStartInfo Info, int Port, Uri Url) Dotnet(string project)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(Azurite.RepositoryRoot(), "src", project, "bin", configuration, "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{project} is not built at {dll}.");
        }
        var port = Azurite.FreePort();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", url.AbsoluteUri.TrimEnd('/') } };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return (info, port, url);
    }
}
