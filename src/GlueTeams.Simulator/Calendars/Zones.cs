using System.Collections.Concurrent;

namespace GlueTeams.Simulator.Calendars;

/// <summary>Time zones by IANA or Windows id, as Graph accepts both; looked up once each.</summary>
public static class Zones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> s_zones = new(StringComparer.OrdinalIgnoreCase);

    public static TimeZoneInfo? Find(string id) => s_zones.GetOrAdd(id, static key =>
        TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : null);

    private static readonly ConcurrentDictionary<string, string> s_windowsIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Windows id of an IANA zone (what Graph's mailboxSettings usually says), or the IANA id when there is none.</summary>
    public static string WindowsIdOf(string ianaId) => s_windowsIds.GetOrAdd(ianaId, static key =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(key, out var windows) ? windows : key);

    public static TimeZoneInfo Get(string id) => Find(id) ?? throw new TimeZoneNotFoundException($"Unknown time zone '{id}'.");
}
