using System.Diagnostics;
using System.Globalization;
using GlueTeams.Storage;

namespace GlueTeams.Testing;

/// <summary>The GlueTeams app as a real process on a free loopback port, in Development, on Azurite tables of its own.</summary>
public static class AppProcess
{
    /// <summary>The Teams App Test Tool's default user (DESIGN.md), whose demo week the app writes at start.</summary>
    public const string DemoTenantId = "00000000-0000-0000-0000-0000000000001";
    public const string DemoUserId = "00000000-0000-0000-0000-0000000000020";

    public static (ChildProcess Process, Uri BaseAddress) Start(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        // The app is built in the same configuration as the tests (Debug or Release).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App", "bin", configuration, "net10.0", "GlueTeams.App.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The app is not built at {dll}.");
        }
        var port = Azurite.FreePort();
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}") } };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Storage__ConnectionString"] = storage.ConnectionString;
        info.Environment["Storage__TablePrefix"] = storage.TablePrefix;
        info.Environment["Bot__AllowedServiceUrlHosts__0"] = "localhost";
        info.Environment["Demo__TenantId"] = DemoTenantId;
        info.Environment["Demo__UserId"] = DemoUserId;
        return (ChildProcess.Start(info, port), new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
    }
}
