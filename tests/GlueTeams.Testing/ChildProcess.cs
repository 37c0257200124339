using System.Collections.Concurrent;
using System.Diagnostics;

namespace GlueTeams.Testing;

/// <summary>A server started as a real process for end-to-end tests: its output kept for failure messages, its whole tree stopped on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ChildProcess(Process process, ConcurrentQueue<string> output) => (_process, _output) = (process, output);

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the process and returns once it listens on <paramref name="port"/> (loopback).</summary>
    public static ChildProcess Start(ProcessStartInfo info, int port)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, output);
        try
        {
            Azurite.WaitForPort(port, process, output);
        }
        catch
        {
            child.Stop();
            throw;
        }
        return child;
    }

    /// <summary>Returns once the process listens on another <paramref name="port"/> too.</summary>
    public void WaitForPort(int port) => Azurite.WaitForPort(port, _process, _output);

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Stop()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}
