using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GlueTeams.Testing;

/// <summary>
/// The Azurite table and queue servers the tests run against. `./glue test` starts one and passes its endpoints in
/// GLUE_AZURITE_TABLE / GLUE_AZURITE_QUEUE; a test run started any other way (an IDE, `dotnet test`) starts its own
/// from the repository's node_modules on free loopback ports and stops it when the process exits.
/// </summary>
public static class Azurite
{
    public const string AccountName = "devstoreaccount1";
    // The well-known Azurite development key, public in Microsoft's documentation; never a real secret.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<(Uri Table, Uri Queue)> s_endpoints = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Uri TableEndpoint => s_endpoints.Value.Table;
    public static Uri QueueEndpoint => s_endpoints.Value.Queue;

    public static string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"TableEndpoint={TableEndpoint};QueueEndpoint={QueueEndpoint};";

    /// <summary>Storage options on a table prefix of their own, so that every test class sees only its own rows.</summary>
    public static GlueTeams.Storage.StorageOptions NewStorageOptions() => new()
    {
        ConnectionString = ConnectionString,
        TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12],
    };

    private static (Uri, Uri) Start()
    {
        var table = Environment.GetEnvironmentVariable("GLUE_AZURITE_TABLE");
        var queue = Environment.GetEnvironmentVariable("GLUE_AZURITE_QUEUE");
        if (!string.IsNullOrEmpty(table) && !string.IsNullOrEmpty(queue))
        {
            return (new Uri(table), new Uri(queue));
        }
        var ports = AzuritePorts.Free();
        var info = ServerStartInfo(ports, location: null);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };
        WaitForPort(ports.Table, process, output);
        WaitForPort(ports.Queue, process, output);
        return (new Uri($"http://127.0.0.1:{ports.Table}/{AccountName}"), new Uri($"http://127.0.0.1:{ports.Queue}/{AccountName}"));
    }

    /// <summary>Storage options for an Azurite on these ports, whether or not one is running there (a storage outage).</summary>
    public static GlueTeams.Storage.StorageOptions StorageOptionsFor(int tablePort, int queuePort) => new()
    {
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};",
        TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12],
    };

    /// <summary>
    /// An Azurite of a test's own on the given ports, keeping its data in <paramref name="location"/> so that it can be
    /// stopped and started again (a storage outage) without losing what it held.
    /// </summary>
    public static ChildProcess StartServer(AzuritePorts ports, string location)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var process = ChildProcess.Start(ServerStartInfo(ports, location), ports.Table);
        process.WaitForPort(ports.Queue);
        return process;
    }

    private static ProcessStartInfo ServerStartInfo(AzuritePorts ports, string? location)
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in {root}, or use ./glue test.");
        }
        var info = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--blobHost", "127.0.0.1", "--tableHost", "127.0.0.1", "--queueHost", "127.0.0.1",
            },
        };
        if (location is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }
        return info;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GlueTeams.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (GlueTeams.sln) was not found above " + AppContext.BaseDirectory);
    }

    internal static void WaitForPort(int port, Process process, IEnumerable<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {string.Join('\n', output)}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s.");
    }
}

/// <summary>
/// Azurite's three ports, all different: found together, each held until all are, because ports asked for one at a
/// time can repeat (glue's Azurite once got one port for blobs and queues).
/// </summary>
public sealed record AzuritePorts(int Blob, int Table, int Queue)
{
    public static AzuritePorts Free()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return new AzuritePorts(ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
