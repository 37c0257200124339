using System.Globalization;
using System.Runtime.InteropServices;
using GlueTeams.Testing;

namespace GlueTeams.EndToEnd;

/// <summary>
/// Figures an end-to-end test measures (clicks, rendered size), written to docs/benchmarks.md as one dated section per
/// measurement that each run replaces, so the file holds the latest figures without growing on every test run.
/// </summary>
internal static class BenchmarkReport
{
    public static void Write(string key, string title, params string[] lines)
    {
        var path = Path.Combine(Azurite.RepositoryRoot(), "docs", "benchmarks.md");
        var (begin, end) = ($"<!-- e2e:{key} -->", $"<!-- /e2e:{key} -->");
        var section = string.Join('\n',
        [
            begin,
            string.Create(CultureInfo.InvariantCulture, $"## {title}: run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"),
            "",
            string.Create(CultureInfo.InvariantCulture,
                $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}."),
            "",
            .. lines,
            end,
        ]);
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..]
            : text.TrimEnd('\n') + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }
}
