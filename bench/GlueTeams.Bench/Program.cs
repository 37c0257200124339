using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using GlueTeams.Bench;

// ./glue bench runs every benchmark here in one process and appends one dated section to docs/benchmarks.md.
// Each benchmark returns Markdown; figures are compared against a baseline measured in the same run.
var output = args.Length > 0 ? args[0] : Path.Combine(GlueTeams.Testing.Azurite.RepositoryRoot(), "docs", "benchmarks.md");
var only = args.Length > 1 ? args[1] : null;

var benchmarks = new (string Name, Func<Task<string>> Run)[]
{
    ("storage", StorageBenchmark.RunAsync),
    ("sync", SyncBenchmark.RunAsync),
    ("classification", ClassificationBenchmark.RunAsync),
    ("bot", BotBenchmark.RunAsync),
    ("team", TeamBenchmark.RunAsync),
    ("fanout", FanOutBenchmark.RunAsync),
    ("packet", PacketBenchmark.RunAsync),
};

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"## Run of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}.");
report.AppendLine();
foreach (var (name, run) in benchmarks.Where(b => only is null || b.Name == only))
{
    Console.WriteLine($"bench: {name}…");
    var section = await run();
    Console.WriteLine(section);
    report.AppendLine(section);
}

if (!File.Exists(output))
{
    await File.WriteAllTextAsync(output, "# Benchmarks\n\nWritten by `./glue bench`; newest run last. Ratios against a baseline measured in the same run are what to compare across runs: absolute figures drift on shared 2-core machines.\n\n");
}
await File.AppendAllTextAsync(output, report.ToString());
Console.WriteLine($"bench: appended to {output}");
