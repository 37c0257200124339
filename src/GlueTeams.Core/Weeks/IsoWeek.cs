using System.Globalization;

namespace GlueTeams.Core.Weeks;

/// <summary>An ISO-8601 week ("2026-W47"): Monday 00:00 to the next Monday 00:00, in some time zone.</summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    public static IsoWeek FromDate(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    /// <summary>The week that <paramref name="instant"/> falls in, seen from <paramref name="zone"/>.</summary>
    public static IsoWeek Containing(DateTimeOffset instant, TimeZoneInfo zone) =>
        FromDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: >= 7 and <= 8 } || text[4] != '-' || char.ToUpperInvariant(text[5]) != 'W')
        {
            return false;
        }
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            year < 1 || year > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        week = new IsoWeek(year, number);
        return true;
    }

    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"'{text}' is not an ISO week such as 2026-W47.");

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public IsoWeek Next => FromDate(Monday.AddDays(7));

    public IsoWeek Previous => FromDate(Monday.AddDays(-7));

    public IsoWeek AddWeeks(int weeks) => FromDate(Monday.AddDays(7 * weeks));

    /// <summary>The instants at which this week starts and ends in <paramref name="zone"/>.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeZoneInfo zone) =>
        (LocalMidnight(Monday, zone), LocalMidnight(Monday.AddDays(7), zone));

    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone) => Containing(instant, zone) == this;

    public int CompareTo(IsoWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;
    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;
    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;
    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    /// <summary>"2026-W07": sorts as text in week order, which row keys rely on.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    /// <summary>The first instant of a local date. Where midnight is skipped by a DST jump, the first valid instant after it.</summary>
    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone) =>
        LocalTime.ToInstant(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
