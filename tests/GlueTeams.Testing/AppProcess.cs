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
        return (ChildProcess.Start(OnTestClock(info), port), url);
    }

    public static (ChildProcess Process, Uri BaseAddress) Start(StorageOptions storage, Uri simulator)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(simulator);
        var (info, port, url) = Dotnet("GlueTeams.App");
        return (ChildProcess.Start(OnTestClock(With(info, Settings(storage, simulator))), port), url);
    }

    /// <summary>The app as a real process with exactly these settings (environment variables, Section__Key).</summary>
    public static (ChildProcess Process, Uri BaseAddress) Start(IReadOnlyDictionary<string, string> environment)
    {
        var (info, port, url) = Dotnet("GlueTeams.App");
        return (ChildProcess.Start(OnTestClock(With(info, environment)), port), url);
    }

    private static ProcessStartInfo With(ProcessStartInfo info, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    /// <summary>
    /// In Development (unless the settings name their own Clock:StartAt) the process runs on this test process's clock
    /// (<see cref="TestClock"/>): "this week" is the tests' pinned week even when the run crosses a real week boundary.
    /// Other environments refuse the setting, so they keep the real clock.
    /// </summary>
    private static ProcessStartInfo OnTestClock(ProcessStartInfo info)
    {
        if (info.Environment["ASPNETCORE_ENVIRONMENT"] == "Development")
        {
            info.Environment.TryAdd("Clock__StartAt", TestClock.Shared.StartAtSetting);
        }
        return info;
    }

    private static Dictionary<string, string> Settings(StorageOptions storage, Uri simulator) => new()
    {
        ["Storage__ConnectionString"] = storage.ConnectionString!,
        ["Storage__TablePrefix"] = storage.TablePrefix,
        ["Bot__AllowedServiceUrlHosts__0"] = "localhost",
        ["Graph__Enabled"] = "true",
        ["Graph__BaseUrl"] = new Uri(simulator, "v1.0").AbsoluteUri,
        ["Graph__DevTokenUrl"] = new Uri(simulator, "dev/graph/token").AbsoluteUri,
        ["Graph__TenantId"] = Simulator.Org.SimulatedOrg.TenantId,
    };

    /// <summary>What a run of the app that ends by itself printed, and how it ended.</summary>
    public sealed record Run(int ExitCode, string Output, string Errors);

    /// <summary>
    /// Runs the app with <paramref name="args"/> and only the settings in <paramref name="environment"/> (in the
    /// environment it names, Development when none), on a free port, until it exits by itself; a timeout if it serves instead.
    /// </summary>
    public static async Task<Run> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var (info, _, _) = Dotnet("GlueTeams.App");
        info.ArgumentList.RemoveAt(2); // no --urls: a command reads every argument after the dll as its own
        info.ArgumentList.RemoveAt(1);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        OnTestClock(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not exit within 60 s: {await output}\n{await errors}");
        }
        return new Run(process.ExitCode, await output, await errors);
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
