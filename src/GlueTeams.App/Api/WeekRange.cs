using GlueTeams.Core.Weeks;

namespace GlueTeams.App.Api;

/// <summary>A run of ISO weeks asked for in a query string, checked before anything is read.</summary>
public readonly record struct WeekRange(IsoWeek From, IsoWeek To)
{
    /// <summary>Two years of weeks: the longest range retention keeps.</summary>
    public const int MaxWeeks = 105;
    public const int MaxTrailingWeeks = 52;

    /// <summary>from..to as given; either may be left out (to defaults to this week, from to 11 weeks before to).</summary>
    public static bool TryParse(string? from, string? to, IsoWeek current, out WeekRange range, out string error)
    {
        range = default;
        error = "";
        var end = current;
        if (!string.IsNullOrEmpty(to) && !IsoWeek.TryParse(to, out end))
        {
            error = $"'to' must be an ISO week such as {current}.";
            return false;
        }
        var start = end.AddWeeks(-11);
        if (!string.IsNullOrEmpty(from) && !IsoWeek.TryParse(from, out start))
        {
            error = $"'from' must be an ISO week such as {current}.";
            return false;
        }
        if (start > end)
        {
            error = $"'from' ({start}) is after 'to' ({end}).";
            return false;
        }
        if (start.AddWeeks(MaxWeeks) <= end)
        {
            error = $"A range covers at most {MaxWeeks} weeks (two years).";
            return false;
        }
        range = new WeekRange(start, end);
        return true;
    }

    /// <summary>The last <paramref name="weeks"/> weeks up to and including <paramref name="current"/>.</summary>
    public static bool TryTrailing(int? weeks, IsoWeek current, out WeekRange range, out string error)
    {
        var count = weeks ?? 12;
        range = new WeekRange(current.AddWeeks(1 - count), current);
        error = count is >= 1 and <= MaxTrailingWeeks ? "" : $"'weeks' must be between 1 and {MaxTrailingWeeks}.";
        return error.Length == 0;
    }

    public static IsoWeek CurrentWeek(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return IsoWeek.Containing(time.GetUtcNow(), TimeZoneInfo.Utc);
    }
}
