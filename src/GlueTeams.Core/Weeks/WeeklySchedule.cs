namespace GlueTeams.Core.Weeks;

/// <summary>A weekly moment in a user's own time zone, such as Friday 15:00 in Europe/Berlin.</summary>
public sealed record WeeklySchedule(DayOfWeek Day, TimeOnly Time, TimeZoneInfo Zone)
{
    /// <summary>
    /// The first instant strictly after <paramref name="after"/> when it is <see cref="Day"/> <see cref="Time"/> in
    /// <see cref="Zone"/>. A local time skipped by a DST jump fires at the first valid minute after it; a repeated
    /// one fires once, at its first occurrence.
    /// </summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var localNow = TimeZoneInfo.ConvertTime(after, Zone);
        var date = DateOnly.FromDateTime(localNow.DateTime);
        date = date.AddDays(((int)Day - (int)date.DayOfWeek + 7) % 7);
        for (var attempt = 0; attempt < 3; attempt++, date = date.AddDays(7))
        {
            var candidate = LocalTime.ToInstant(date.ToDateTime(Time, DateTimeKind.Unspecified), Zone);
            if (candidate > after)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("No weekly occurrence within three weeks; the time zone data is inconsistent.");
    }
}
