using System.Diagnostics;
using System.Globalization;
using GlueTeams.App.Tests.Api;
using GlueTeams.Simulator;
using GlueTeams.Testing;

namespace GlueTeams.Bench;

/// <summary>
/// GET /api/team/summary?weeks=12 for a manager of 12 reports with 52 weeks of records each in Azurite (direct reports
/// from the simulated Graph, cached; 12 audit writes per request), against a same-run baseline: one engineer's own
/// 12-week summary. Signed tokens and the whole ASP.NET Core pipeline, in-process.
/// </summary>
internal static class TeamBenchmark
{
    private const int Reports = 12;
    private const int Weeks = 52;
    private const int Requests = 200;

    public static async Task<string> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GLUETEAMS_APP", Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App"));
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        await using var host = await TabApiHost.StartAsync(quiet, simulator: new SimulatorOptions { Users = 40, MinTeamSize = Reports, MaxTeamSize = Reports });
        var manager = host.Manager;
        var to = TabApiHost.CurrentWeek;
        var seeding = Stopwatch.StartNew();
        await Task.WhenAll(manager.DirectReportIds.Select(id =>
            host.SeedAsync(host.Org.Get(id), SimulatedRecords.Weeks(TabApiHost.TenantId, id, to.AddWeeks(1 - Weeks), to))));
        seeding.Stop();

        using var managerClient = host.ClientFor(manager.Id);
        using var engineerClient = host.ClientFor(manager.DirectReportIds[0]);
        var team = new Uri("/api/team/summary?weeks=12", UriKind.Relative);
        var single = new Uri($"/api/me/summary?from={to.AddWeeks(-11)}&to={to}", UriKind.Relative);
        await MeasureAsync(managerClient, team, 20);
        await MeasureAsync(engineerClient, single, 20);
        var baseline = await MeasureAsync(engineerClient, single, Requests);
        var measured = await MeasureAsync(managerClient, team, Requests);
        return string.Create(CultureInfo.InvariantCulture, $"""
            ### Team review: {Reports} direct reports × {Weeks} weeks of records in Azurite ({Reports * Weeks * 8:N0} records, seeded in {seeding.Elapsed.TotalSeconds:F1} s)

            | request ({Requests} in turn, after 20 warm-up) | p50 | p95 | max |
            | --- | ---: | ---: | ---: |
            | one engineer's own 12-week summary (baseline) | {baseline.P50:F1} ms | {baseline.P95:F1} ms | {baseline.Max:F1} ms |
            | team summary, 12 weeks: 12 range queries, 12 audit writes, signals | {measured.P50:F1} ms | {measured.P95:F1} ms | {measured.Max:F1} ms |

            Team summary p95 is **{measured.P95:F1} ms** (target < 150 ms), **{measured.P95 / baseline.P95:F1}×** the single-user summary's p95.

            """);
    }

    internal sealed record Percentiles(double P50, double P95, double Max);

    internal static async Task<Percentiles> MeasureAsync(HttpClient client, Uri url, int count)
    {
        var timings = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        return new Percentiles(At(timings, 0.50), At(timings, 0.95), timings[^1]);
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
