using System.Globalization;
using GlueTeams.Core.Weeks;

namespace GlueTeams.App.Bot;

/// <summary>
/// Which week a command names: "this week", "last week", "week of 2026-11-16", "week of 16 Nov", "week of Nov 16 2025"
/// or "week of 2026-W47". A week the bot will not show (too far back or ahead) or a date it cannot read is a clear
/// message, never a guess.
/// </summary>
internal static class WeekCommand
{
    /// <summary>How far back "week of" goes: the two years confirmed records are kept.</summary>
    public const int MaxWeeksBack = 104;

    private static readonly string[] s_dateFormats =
    [
        "yyyy-MM-dd", "d MMM", "d MMMM", "MMM d", "MMMM d", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMMM d, yyyy",
    ];

    /// <summary>The result of reading a week command: the week, or the message to show.</summary>
    public sealed record Result(IsoWeek? Week, string? Problem);

    /// <summary>Reads <paramref name="command"/> (lower case, single spaces); null when it is not a week command.</summary>
    public static Result? Read(string command, IsoWeek current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command)
        {
            case "this week" or "week":
                return new(current, null);
            case "last week":
                return new(current.Previous, null);
        }
        if (!command.StartsWith("week of ", StringComparison.Ordinal))
        {
            return null;
        }
        var text = command["week of ".Length..].Trim();
        if (!TryWeek(text, today, out var week))
        {
            return new(null, $"I couldn't read \"{Shorten(text)}\" as a date. Try \"week of {today.AddDays(-7):yyyy-MM-dd}\" or \"week of {today.AddDays(-7).ToString("d MMM", CultureInfo.InvariantCulture)}\".");
        }
        if (week > current.Next)
        {
            return new(null, $"The week of {week.Monday:yyyy-MM-dd} has not happened yet; I can show up to next week.");
        }
        return week < current.AddWeeks(-MaxWeeksBack)
            ? new(null, $"The week of {week.Monday:yyyy-MM-dd} is more than two years ago; Glueprint keeps two years.")
            : new(week, null);
    }

    private static bool TryWeek(string text, DateOnly today, out IsoWeek week)
    {
        if (IsoWeek.TryParse(text.ToUpperInvariant(), out week))
        {
            return true;
        }
        if (!DateOnly.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return false;
        }
        // Without a year: the most recent such date, this year or last ("week of 28 dec" in January means December).
        var hasYear = text.Any(char.IsAsciiDigit) && text.Split(' ', '-', ',').Any(part => part.Length == 4 && part.All(char.IsAsciiDigit));
        if (!hasYear)
        {
            date = new DateOnly(today.Year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(today.Year, date.Month)));
            if (date > today.AddDays(7))
            {
                date = date.AddYears(-1);
            }
        }
        week = IsoWeek.FromDate(date);
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
