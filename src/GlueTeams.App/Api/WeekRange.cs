using GlueTeams.Core.Weeks;

namespace GlueTeams.App.Api;

/// <summary>A run of ISO weeks asked for in a query string, checked before anything is read.</summary>
public readonly record struct WeekRange(IsoWeek From, IsoWeek To)
{
    /// <summary>Two years of weeks: the longest range retention keeps.</summary>
    public const int MaxWeeks = 105;
    public const int MaxTrailingWeeks = 52;

    /// <summary>
    /// The weeks a query may name: ISO years 1 to 9998 (what <see cref="IsoWeek.TryParse"/> accepts), less a margin at
    /// both ends so that no range, default or week after the last can step outside what dates can hold.
    /// </summary>
    public static IsoWeek Earliest { get; } = new IsoWeek(1, 1).AddWeeks(MaxWeeks);
    public static IsoWeek Latest { get; } = new IsoWeek(9998, 1).AddWeeks(-2);

    /// <summary>from..to as given; either may be left out (to defaults to this week, from to 11 weeks before to).</summary>
    public static bool TryParse(string? from, string? to, IsoWeek current, out WeekRange range, out string error)
    {
        range = default;
        error = "";
        var end = current;
        if (!string.IsNullOrEmpty(to) && !TryParseWeek(to, out end))
        {
            error = $"'to' must be an ISO week from {Earliest} to {Latest}, such as {current}.";
            return false;
        }
        var start = end.AddWeeks(-11);
        if (!string.IsNullOrEmpty(from) && !TryParseWeek(from, out start))
        {
            error = $"'from' must be an ISO week from {Earliest} to {Latest}, such as {current}.";
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
        range = default;
        error = "";
        if (count is < 1 or > MaxTrailingWeeks) // before any arithmetic: 1,000,000 or int.MinValue weeks would overflow it
        {
            error = $"'weeks' must be between 1 and {MaxTrailingWeeks}.";
            return false;
        }
        range = new WeekRange(current.AddWeeks(1 - count), current);
        return true;
    }

    /// <summary>
    /// A period given either as the last <paramref name="weeks"/> weeks (default 12) or as <paramref name="from"/>..<paramref name="to"/>
    /// ISO weeks (see <see cref="TryParse"/>), never both.
    /// </summary>
    public static bool TryPeriod(int? weeks, string? from, string? to, IsoWeek current, out WeekRange range, out string error)
    {
        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            return TryTrailing(weeks, current, out range, out error);
        }
        if (weeks is not null)
        {
            range = default;
            error = "Give either 'weeks' or 'from' and 'to', not both.";
            return false;
        }
        return TryParse(from, to, current, out range, out error);
    }

    /// <summary>An ISO week a query may name (from <see cref="Earliest"/> to <see cref="Latest"/>).</summary>
    public static bool TryParseWeek(string? text, out IsoWeek week) =>
        IsoWeek.TryParse(text, out week) && week >= Earliest && week <= Latest;

}
