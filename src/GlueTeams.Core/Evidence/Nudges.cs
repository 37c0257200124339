using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Evidence;

public enum NudgeKind
{
    /// <summary>The same kind of one-off help again and again: a system (a guide, a runbook) would help more people.</summary>
    Repetition,
    /// <summary>A lot of someone else's work was handed over this month: time to say no to some.</summary>
    Delegated,
}

/// <summary>
/// One private line for the engineer (never for a manager). <see cref="Key"/> is stable while the situation lasts (the
/// same category and colleague or topic; the same month), so a dismissed nudge stays dismissed.
/// </summary>
public sealed record Nudge(string Key, NudgeKind Kind, string Text);

/// <summary>
/// Nudges toward systems, from the engineer's own confirmed records: the same category with the same colleague (in a
/// meeting of at most <see cref="MaxPeopleForSamePerson"/> other people) or on the same topic (the same title) at least
/// <see cref="Repeats"/> times in the last <see cref="WindowWeeks"/> weeks, every time one-off (occurrences of a recurring
/// series are a planned commitment, not repeated ad-hoc help, and do not count); and delegated work above a threshold in
/// the current month. Pure: the caller passes what was dismissed.
/// </summary>
public static class Nudges
{
    public const int Repeats = 3;
    public const int WindowWeeks = 6;
    public const int MaxPeopleForSamePerson = 2;
    /// <summary>Delegated glue work this month above which the engineer is asked whether to say no to some.</summary>
    public static readonly TimeSpan DefaultDelegatedThreshold = TimeSpan.FromHours(3);

    /// <summary>The weeks <see cref="For"/> reads: the window ends with the current week (a month always fits in it).</summary>
    public static (IsoWeek From, IsoWeek To) Window(IsoWeek current) => (current.AddWeeks(1 - WindowWeeks), current);

    public static IReadOnlyList<Nudge> For(IEnumerable<ActivityRecord> records, DateTimeOffset now, TimeZoneInfo zone, IReadOnlySet<string> dismissed,
        TimeSpan? delegatedThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(dismissed);
        var (from, to) = Window(IsoWeek.Containing(now, zone));
        var glue = records.Where(r => r.Week >= from && r.Week <= to && TimeInMeetings.IsGlue(r)).ToList();
        var nudges = Repetitions(glue, dismissed).ToList();
        if (Delegated(glue, now, zone, delegatedThreshold ?? DefaultDelegatedThreshold) is { } delegated)
        {
            nudges.Add(delegated);
        }
        return [.. nudges.Where(n => !dismissed.Contains(n.Key))];
    }

    private static IEnumerable<Nudge> Repetitions(List<ActivityRecord> glue, IReadOnlySet<string> dismissed)
    {
        var adHoc = glue.Where(r => !r.IsRedacted && r.SeriesId is null).ToList();
        var byPerson = adHoc.Where(r => r.People.Count is > 0 and <= MaxPeopleForSamePerson)
            .SelectMany(r => r.People.Select(p => (Key: $"repeat:{r.Confirmation!.CategoryId}:person:{Hash(p)}", Record: r, Person: true)));
        var byTopic = adHoc.Where(r => Topic(r.Title) is { Length: > 0 })
            .Select(r => (Key: $"repeat:{r.Confirmation!.CategoryId}:topic:{Hash(Topic(r.Title))}", Record: r, Person: false));
        var seen = new HashSet<string>(StringComparer.Ordinal); // one line per category: a colleague and a topic are usually the same story
        foreach (var group in byPerson.Concat(byTopic).GroupBy(x => x.Key, StringComparer.Ordinal)
                     .Select(g => (g.Key, Records: g.Select(x => x.Record).DistinctBy(r => r.EventKey).OrderBy(r => r.Start).ToList(), g.First().Person))
                     .Where(g => g.Records.Count >= Repeats && g.Records.All(r => r.Confirmation!.Impact == Impact.OneOff) && !dismissed.Contains(g.Key))
                     .OrderByDescending(g => g.Records.Count).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var category = group.Records[0].Confirmation!.CategoryId;
            if (seen.Add(category))
            {
                var with = group.Person ? "with the same colleague" : $"on “{group.Records[^1].Title}”";
                yield return new Nudge(group.Key, NudgeKind.Repetition, $"{Ordinal(group.Records.Count)} {Noun(category)} {with}: {Suggestion(category)}");
            }
        }
    }

    private static Nudge? Delegated(List<ActivityRecord> glue, DateTimeOffset now, TimeZoneInfo zone, TimeSpan threshold)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone);
        var thisMonth = glue.Where(r => TimeZoneInfo.ConvertTime(r.Start, zone) is var local && local.Year == today.Year && local.Month == today.Month).ToList();
        var minutes = GlueSummary.Of(thisMonth).DelegatedMinutes;
        if (minutes <= threshold.TotalMinutes)
        {
            return null;
        }
        var hours = (minutes / 60.0).ToString("0.#", CultureInfo.InvariantCulture);
        return new Nudge($"delegated:{today:yyyy-MM}", NudgeKind.Delegated, $"{hours} h of work was delegated to you this month: worth saying no to some?");
    }

    /// <summary>A title reduced to its words (case, digits and punctuation gone): "Onboarding #3: Git" and "onboarding 4 - git" are one topic.</summary>
    internal static string Topic(string title)
    {
        var words = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            words.Append(char.IsLetter(c) ? c : ' ');
        }
        return string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    private static string Noun(string categoryId) => categoryId switch
    {
        "mentoring" => "mentoring session",
        "onboarding" => "onboarding session",
        "knowledge-sharing" => "session explaining the same thing",
        "design-review" => "design review",
        "code-review" => "code review or pairing session",
        "coordination" => "cross-team sync",
        "process" => "process session",
        "incident" => "incident review",
        "hiring" => "hiring session",
        "community" => "community session",
        _ => GlueCategories.TryGet(categoryId, out var c) ? c.Name.ToLowerInvariant() + " session" : "session",
    };

    private static string Suggestion(string categoryId) => categoryId switch
    {
        "onboarding" => "would a guide help?",
        "mentoring" => "would a written guide or a group session help?",
        "knowledge-sharing" => "would a recorded talk or a doc help?",
        "design-review" => "would a design template or checklist help?",
        "code-review" => "would a checklist or a short guide help?",
        "incident" => "would a runbook help?",
        "hiring" => "would an interview guide help?",
        "coordination" => "would a shared doc or a regular forum help?",
        "process" => "would a written working agreement help?",
        _ => "would something reusable help?",
    };
}
