using GlueTeams.Core.Evidence;

namespace GlueTeams.App.Export;

/// <summary>
/// Configuration section "Packet": <see cref="LadderPath"/> names a company's own career ladder (JSON in the shape of
/// Core/Evidence/ladder.json) that replaces the default Senior → Staff one.
/// </summary>
public sealed class PacketOptions
{
    public const string Section = "Packet";

    public string? LadderPath { get; set; }

    /// <summary>The ladder the packet uses: the configured file, else the default.</summary>
    public CareerLadder Ladder() =>
        string.IsNullOrWhiteSpace(LadderPath) ? CareerLadder.Default : CareerLadder.Parse(File.ReadAllText(LadderPath), out _) ?? CareerLadder.Default;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(LadderPath))
        {
            yield break;
        }
        if (!File.Exists(LadderPath))
        {
            yield return $"Packet:LadderPath names '{LadderPath}', which does not exist.";
            yield break;
        }
        CareerLadder.Parse(File.ReadAllText(LadderPath), out var problems);
        foreach (var problem in problems)
        {
            yield return $"Packet:LadderPath '{LadderPath}' {problem}.";
        }
    }
}
