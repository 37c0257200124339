namespace GlueTeams.Core.Records;

/// <summary>The one spelling of <see cref="Impact"/> on the wire: cards, the tabs' API, the add-in.</summary>
public static class ImpactNames
{
    public const string Multiplier = "multiplier";
    public const string OneOff = "one-off";

    /// <summary>The name of <paramref name="impact"/>; no impact said is one-off help.</summary>
    public static string Of(Impact? impact) => impact == Impact.Multiplier ? Multiplier : OneOff;

    /// <summary>Reads a name in any case ("oneoff" too); nothing at all means one-off help.</summary>
    public static bool TryParse(string? text, out Impact impact)
    {
        var trimmed = text?.Trim();
        impact = Impact.OneOff;
        if (string.IsNullOrEmpty(trimmed) || trimmed.Equals(OneOff, StringComparison.OrdinalIgnoreCase) || trimmed.Equals("oneoff", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (trimmed.Equals(Multiplier, StringComparison.OrdinalIgnoreCase))
        {
            impact = Impact.Multiplier;
            return true;
        }
        return false;
    }
}
