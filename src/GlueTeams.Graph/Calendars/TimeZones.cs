using System.Collections.Concurrent;

namespace GlueTeams.Graph.Calendars;

/// <summary>
/// Time zones by the Windows or IANA id Graph uses, each looked up once: on Linux a Windows id goes through ICU,
/// which costs a fraction of a millisecond, too much to pay for every event.
/// </summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> s_zones = new(StringComparer.OrdinalIgnoreCase);

    public static TimeZoneInfo? Find(string id) =>
        s_zones.GetOrAdd(id, static key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : null);
}
