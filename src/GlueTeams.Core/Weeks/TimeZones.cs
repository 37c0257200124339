using System.Collections.Concurrent;

namespace GlueTeams.Core.Weeks;

/// <summary>
/// The one time-zone lookup: profiles, settings, Graph's mailbox settings and events all find a zone here.
/// Time zones by the Windows or IANA id Graph uses, each looked up once: on Linux a Windows id goes through ICU,
/// which costs a fraction of a millisecond, too much to pay for every event.
/// </summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_zones = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The zone, or null when the id is unknown. Only known ids are remembered, so hostile input cannot grow the cache.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (s_zones.TryGetValue(id, out var cached))
        {
            return cached;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? s_zones.GetOrAdd(id, zone) : null;
    }

    /// <summary>The zone, or UTC when the id is missing or unknown (a profile's zone, a mailbox setting).</summary>
    public static TimeZoneInfo FindOrUtc(string? id) => id is { Length: > 0 } && Find(id) is { } zone ? zone : TimeZoneInfo.Utc;

    /// <summary>The id itself when it names a zone this machine knows (IANA or Windows) and is at most 64 characters, else null: for user input.
    /// The system is asked directly, not the cache, whose lookup ignores case: a stored id must resolve on every machine.</summary>
    public static string? Known(string? id) => id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
}
