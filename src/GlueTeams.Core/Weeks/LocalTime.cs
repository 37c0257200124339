namespace GlueTeams.Core.Weeks;

/// <summary>Wall-clock times in a zone, resolved to instants the way a person expects across DST changes.</summary>
public static class LocalTime
{
    /// <summary>
    /// A local time skipped by a DST jump resolves to the first valid minute after it; a local time that happens twice
    /// (clocks set back) resolves to its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
