using System.Diagnostics;
using System.Globalization;
using GlueTeams.App.Tests.Api;
using GlueTeams.Simulator;
using GlueTeams.Testing;

namespace GlueTeams.Bench;

/// <summary>
/// The promotion packet of an engineer with 52 weeks of records in Azurite (3 glue sessions a week, each with two
/// colleagues from the simulated directory, every other one with an artifact), through the whole API: Markdown with its
/// chart (zip) and Word, against a same-run baseline, the engineer's own 52-week summary. The first export, with every
/// colleague's team looked up in the simulated Graph, is timed on its own.
/// </summary>
internal static class PacketBenchmark
{
    private const int Weeks = 52;
    private const int Requests = 30;

    public static async Task<string> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GLUETEAMS_APP", Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App"));
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        await using var host = await TabApiHost.StartAsync(quiet, simulator: new SimulatorOptions { Users = 40 });
        var engineer = host.Report(0);
        var to = TabApiHost.WeekOf(engineer);
        var colleagues = host.Org.Users.Where(u => u.Id != engineer.Id).Select(u => u.Mail.ToLowerInvariant()).ToList();
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, to.AddWeeks(1 - Weeks), to)
            .Select((r, i) => r with { People = [colleagues[i % colleagues.Count], colleagues[(i * 7 + 3) % colleagues.Count]], AttendeeCount = 2 }).ToList();
        await host.SeedAsync(engineer, records);

        using var client = host.ClientFor(engineer.Id);
        var period = $"from={to.AddWeeks(1 - Weeks)}&to={to}";
        var markdown = new Uri($"/api/me/export?{period}&format=md", UriKind.Relative);
        var word = new Uri($"/api/me/export?{period}&format=docx", UriKind.Relative);
        var summary = new Uri($"/api/me/summary?{period}", UriKind.Relative);
        var cold = Stopwatch.StartNew();
        (await client.GetAsync(markdown)).EnsureSuccessStatusCode();
        cold.Stop();
        await TeamBenchmark.MeasureAsync(client, markdown, 5);
        await TeamBenchmark.MeasureAsync(client, word, 5);
        await TeamBenchmark.MeasureAsync(client, summary, 5);
        var baseline = await TeamBenchmark.MeasureAsync(client, summary, Requests);
        var md = await TeamBenchmark.MeasureAsync(client, markdown, Requests);
        var docx = await TeamBenchmark.MeasureAsync(client, word, Requests);
        return string.Create(CultureInfo.InvariantCulture, $"""
            ### Promotion packet: one engineer, {Weeks} weeks of records in Azurite ({records.Count:N0} records, {colleagues.Count} colleagues in the directory)

            | request ({Requests} in turn, after 5 warm-up) | p50 | p95 | max |
            | --- | ---: | ---: | ---: |
            | the engineer's own {Weeks}-week summary (baseline) | {baseline.P50:F1} ms | {baseline.P95:F1} ms | {baseline.Max:F1} ms |
            | packet, Markdown + chart (zip) | {md.P50:F1} ms | {md.P95:F1} ms | {md.Max:F1} ms |
            | packet, Word with the chart | {docx.P50:F1} ms | {docx.P95:F1} ms | {docx.Max:F1} ms |

            First export (every colleague's team read from the simulated Graph): {cold.Elapsed.TotalMilliseconds:F0} ms. Markdown packet p95
            is **{md.P95 / baseline.P95:F1}×** and Word **{docx.P95 / baseline.P95:F1}×** the summary's p95 (`dotnet run -c Release --project bench/GlueTeams.Bench -- docs/benchmarks.md packet`).

            """);
    }
}
