using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Records;

/// <summary>
/// The one place a record id is built and read. A record id names a record within its user's own records:
/// "{ISO week}|{key-safe event key}" ("2026-W47|AAMk…"), so that the ids of any run of weeks sort together. Cards, the
/// tabs and storage all carry it; only this type knows its shape.
/// </summary>
public static class RecordIds
{
    private const char Separator = '|';
    private const int MaxLength = 300;

    public static string Of(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Of(record.Week, record.EventKey);
    }

    public static string Of(IsoWeek week, string eventKey) => $"{week}{Separator}{KeySafe.Encode(eventKey)}";

    /// <summary>
    /// The week a record id names, when the id is well formed. Ids come from cards and requests: anything that cannot be
    /// one (no week, no key, a character a key may not hold, too long) is refused before storage is asked.
    /// </summary>
    public static bool TryParse(string? id, out IsoWeek week)
    {
        week = default;
        var separator = id?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return id is { Length: <= MaxLength } && separator > 0 && separator < id.Length - 1
            && !id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?')
            && IsoWeek.TryParse(id[..separator], out week);
    }

    /// <summary>What every id of <paramref name="week"/> starts with: the ids of weeks from..to are the range [Prefix(from), Prefix(to.Next)).</summary>
    public static string Prefix(IsoWeek week) => week.ToString();
}
