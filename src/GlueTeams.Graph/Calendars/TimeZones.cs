using System.Collections.Concurrent;

namespace GlueTeams.Graph.Calendars;

/// <summary>
/// Time zones by the Windows or IANA id Graph uses, each looked up once: on Linux a Windows id goes through ICU,
/// which costs a fraction of a millisecond, too much to pay for every event.
/// </summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_zones = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The zone, or null when the id is unknown. Only known ids are remembered, so hostile input cannot grow the cache.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        if (s_zones.TryGetValue(id, out var cached))
        {
            return cached;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? s_zones.GetOrAdd(id, zone) : null;
    }
}
