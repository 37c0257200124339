using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace GlueTeams.Testing;

/// <summary>
/// The Teams App Test Tool (npm @microsoft/teams-app-test-tool) as a process on a free loopback port, talking to a bot:
/// a real Teams-like client whose page Playwright drives, with no outside connection.
/// </summary>
public sealed class TestTool : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _workDir;
    private readonly HttpClient _http;

    private TestTool(ChildProcess process, DirectoryInfo workDir, Uri url) =>
        (_process, _workDir, Url, _http) = (process, workDir, url, new HttpClient { BaseAddress = url });

    public Uri Url { get; }
    public string Output => _process.Output;

    /// <param name="botEndpoint">The bot's messages endpoint; the bot must already answer (the tool waits at most 15 s).</param>
    public static TestTool Start(Uri botEndpoint)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        var tool = Path.Combine(Azurite.RepositoryRoot(), "node_modules", ".bin", "teamsapptester");
        if (!File.Exists(tool))
        {
            throw new InvalidOperationException($"The Teams App Test Tool is not installed at {tool}: run `npm ci` at the repository root.");
        }
        var port = Azurite.FreePort();
        // It writes its log under ./devTools of its working directory.
        var workDir = Directory.CreateTempSubdirectory("glue-test-tool-");
        var info = new ProcessStartInfo(tool)
        {
            ArgumentList = { "start", "-e", botEndpoint.AbsoluteUri, "-c", "msteams", "--dt", "-p", port.ToString(CultureInfo.InvariantCulture) },
            WorkingDirectory = workDir.FullName,
        };
        info.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        info.Environment["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true";
        return new TestTool(ChildProcess.Start(info, port), workDir, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <summary>Installs the bot in the user's personal chat, as adding the app in Teams does.</summary>
    public async Task InstallAsync()
    {
        var config = await _http.GetFromJsonAsync<JsonElement>("_internal/v1/config");
        var chat = config.GetProperty("config").GetProperty("personalChat").GetProperty("id").GetString();
        using var response = await _http.PostAsync(new Uri($"_debug/conversation/{chat}/installation", UriKind.Relative), JsonContent.Create(new { }));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        _workDir.Delete(recursive: true);
    }
}
