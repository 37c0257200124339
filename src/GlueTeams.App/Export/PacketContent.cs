using System.Globalization;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.App.Export;

/// <summary>Views and distinct viewers of an artifact, from Graph's item analytics (all time).</summary>
public sealed record ArtifactViews(int Views, int Viewers);

/// <summary>A manager's acknowledgement the engineer chose to quote: the words, who, about what, when.</summary>
public sealed record PacketQuote(string Text, string ManagerName, string About, DateOnly Date);

/// <summary>
/// Everything the packet is made of. <paramref name="ArtifactReach"/> is keyed by the artifact link's absolute URI;
/// <paramref name="AnalyticsNote"/> says once why views are missing (no permission, not refreshed yet).
/// </summary>
public sealed record PacketInput(
    string? DisplayName,
    IsoWeek From,
    IsoWeek To,
    IReadOnlyList<ActivityRecord> Records,
    PeopleReach Reach,
    IReadOnlyDictionary<string, ArtifactViews> ArtifactReach,
    string? AnalyticsNote,
    IReadOnlyList<PacketQuote> Quotes,
    CareerLadder Ladder,
    LadderLevel Level,
    bool IncludePrivate,
    TimeZoneInfo Zone);

/// <summary>
/// Writes the packet a promotion committee reads, from the data, by templates (no model writes prose here): real dates
/// and only the weeks with records, a summary per theme (what, how often, for whom, with what result), counts, people
/// reached, top artifacts with their reach, outcomes in the engineer's words, the manager quotes the engineer chose,
/// the multiplier share and its trend, and the evidence under the competencies of the chosen ladder level. Delegated
/// work appears only in a private section, and only when asked for.
/// </summary>
public static class PacketContent
{
    public const int TopArtifacts = 10;
    private const int ArtifactsPerTheme = 3;
    private const int OutcomesPerTheme = 3;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static PacketDocument Build(PacketInput input, byte[] chartPng)
    {
        ArgumentNullException.ThrowIfNull(input);
        var period = PeriodSummary.Of(input.From, input.To, input.Records);
        var glue = input.Records.Where(r => r.Week >= input.From && r.Week <= input.To && TimeInMeetings.IsGlue(r)).ToList();
        var themes = Themes(period.Total, glue, input.Reach);
        var title = string.IsNullOrWhiteSpace(input.DisplayName) ? "Glue work" : "Glue work: " + input.DisplayName;
        var blocks = new List<PacketBlock>
        {
            new Heading(1, string.IsNullOrWhiteSpace(input.DisplayName) ? [Run.Ours("Glue work")] : [Run.Ours("Glue work: "), Run.User(input.DisplayName)]),
            new Paragraph($"Promotion evidence for {Day(input.From.Monday, weekday: true)} to {Day(input.To.Monday.AddDays(6), weekday: true)}, " +
                $"from calendar records the engineer confirmed in GlueTeams. Evidence is grouped for {input.Level.Name}."),
        };
        blocks.AddRange(Summary(input, period, glue));
        blocks.Add(new Chart("Glue hours per week, by theme"));
        blocks.AddRange(ThemeSections(themes));
        blocks.AddRange(Counts(themes, period.Total, glue, input.Reach));
        blocks.AddRange(Artifacts(period.Total, input));
        blocks.AddRange(Outcomes(glue, input.Zone));
        blocks.AddRange(Quotes(input.Quotes));
        blocks.AddRange(LadderEvidence(input, themes, glue));
        if (input.IncludePrivate)
        {
            blocks.AddRange(Delegated(period.Total, glue, input.Zone));
        }
        return new PacketDocument(title, blocks, chartPng);
    }

    /// <summary>What one theme (category) adds up to.</summary>
    private sealed record Theme(string CategoryId, string Name, int Minutes, double ShareOfGlue, CategoryReach Reach, int Multiplier,
        IReadOnlyList<(Uri Link, string? Title)> Artifacts, IReadOnlyList<(string Outcome, int Count)> Outcomes);

    private static List<Theme> Themes(GlueSummary total, IReadOnlyList<ActivityRecord> glue, PeopleReach reach) =>
        glue.GroupBy(r => r.Confirmation!.CategoryId, StringComparer.Ordinal)
            .Select(g =>
            {
                var minutes = total.MinutesByCategory.GetValueOrDefault(g.Key);
                return new Theme(g.Key, ReachPhrases.Name(g.Key), minutes, total.GlueMinutes == 0 ? 0 : (double)minutes / total.GlueMinutes,
                    reach.For(g.Key) ?? new CategoryReach(g.Key, g.Count(), g.Select(r => r.Week).Distinct().Count(), 0, 0),
                    g.Count(r => r.Confirmation!.Impact == Impact.Multiplier),
                    [.. g.Where(r => r.Confirmation!.ArtifactLink is not null).GroupBy(r => r.Confirmation!.ArtifactLink!.AbsoluteUri, StringComparer.Ordinal)
                        .OrderByDescending(a => a.Count()).Select(a => (a.First().Confirmation!.ArtifactLink!, a.First().Confirmation!.ArtifactTitle))],
                    OutcomesOf(g));
            })
            .OrderByDescending(t => t.Minutes).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static List<(string Outcome, int Count)> OutcomesOf(IEnumerable<ActivityRecord> records) =>
        [.. records.Where(r => !string.IsNullOrWhiteSpace(r.Confirmation!.OutcomeNote))
            .GroupBy(r => r.Confirmation!.OutcomeNote!.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(r => r.Start))
            .Select(g => (g.First().Confirmation!.OutcomeNote!.Trim(), g.Count()))];

    private static IEnumerable<PacketBlock> Summary(PacketInput input, PeriodSummary period, List<ActivityRecord> glue)
    {
        yield return new Heading(2, "Summary");
        var withData = period.Weeks.Where(w => w.Summary.ConfirmedCount > 0).ToList();
        if (withData.Count == 0)
        {
            yield return new Paragraph($"No confirmed records between {Range(input.From.Monday, input.To.Monday.AddDays(6))}.");
            yield break;
        }
        var t = period.Total;
        var items = new List<IReadOnlyList<Run>>
        {
            Line($"{Count(withData.Count, "week", "weeks")} with records between {Range(withData[0].Week.Monday, withData[^1].Week.Monday.AddDays(6))}" +
                 (withData.Count < period.Weeks.Count ? $" (weeks without records, {period.Weeks.Count - withData.Count} of the {period.Weeks.Count} in the period, are not counted)." : ".")),
            Line($"{Hours(t.GlueMinutes)} of glue work in {Count(glue.Count, "confirmed record", "confirmed records")}, about {Hours(t.GlueMinutes / withData.Count)} a week" +
                 (t.MeetingMinutes > 0 ? $"; {Percent(t.ShareOfMeetingTime)} of {Hours(t.MeetingMinutes)} in meetings." : ".")),
        };
        if (input.Reach.People > 0)
        {
            items.Add(Line($"Reached {Count(input.Reach.People, "person", "people")}{(input.Reach.Teams > 0 ? " from " + Count(input.Reach.Teams, "team", "teams") : "")} in glue meetings that were not private."));
        }
        items.Add(Line($"Multiplier work (built something reusable): {Percent(t.MultiplierShare)} of glue hours{Trend(withData)}."));
        yield return new Bullets(items);
    }

    /// <summary>", rising from 20% (2 Nov to 15 Nov) to 48% (16 Nov to 29 Nov 2026)": the first half of the weeks with records against the second.</summary>
    private static string Trend(List<WeekSummary> withData)
    {
        if (withData.Count < 2)
        {
            return "";
        }
        var half = withData.Count / 2;
        var (first, second) = (withData.Take(half).ToList(), withData.Skip(half).ToList());
        double Share(List<WeekSummary> weeks) => weeks.Sum(w => w.Summary.GlueMinutes) is var g and > 0 ? (double)weeks.Sum(w => w.Summary.MultiplierMinutes) / g : 0;
        var (before, after) = (Share(first), Share(second));
        var when = $"({Range(first[0].Week.Monday, first[^1].Week.Monday.AddDays(6), "to")}, then {Range(second[0].Week.Monday, second[^1].Week.Monday.AddDays(6), "to")})";
        return Math.Abs(after - before) < 0.05
            ? $", steady at about {Percent(after)} {when}"
            : $", {(after > before ? "rising" : "falling")} from {Percent(before)} to {Percent(after)} {when}";
    }

    private static IEnumerable<PacketBlock> ThemeSections(IReadOnlyList<Theme> themes)
    {
        yield return new Heading(2, "Themes");
        if (themes.Count == 0)
        {
            yield return new Paragraph("No glue work confirmed in this period.");
        }
        foreach (var theme in themes)
        {
            yield return new Heading(3, theme.Name);
            var runs = new List<Run>
            {
                Run.Ours($"{Capital(ReachPhrases.Of(theme.Reach))} over {Count(theme.Reach.Weeks, "week", "weeks")} ({Hours(theme.Minutes)}, {Percent(theme.ShareOfGlue)} of glue time). "),
                Run.Ours(theme.Multiplier == 0 ? "All one-off help." : theme.Multiplier == theme.Reach.Sessions ? "Every session built something reusable." : $"{theme.Multiplier} of them built something reusable."),
            };
            if (theme.Artifacts.Count > 0)
            {
                runs.Add(Run.Ours(" Artifacts: "));
                runs.AddRange(Join(theme.Artifacts.Take(ArtifactsPerTheme).Select(a => (IReadOnlyList<Run>)[Run.LinkTo(a.Title ?? a.Link.Host, a.Link)])));
                runs.Add(Run.Ours("."));
            }
            if (theme.Outcomes.Count > 0)
            {
                runs.Add(Run.Ours(" Result: "));
                runs.AddRange(Join(theme.Outcomes.Take(OutcomesPerTheme).Select(o => (IReadOnlyList<Run>)[Run.Ours("“"), Run.User(o.Outcome), Run.Ours(o.Count > 1 ? $"” ({o.Count} records)" : "”")])));
                runs.Add(Run.Ours("."));
            }
            yield return new Paragraph(runs);
        }
    }

    private static IEnumerable<PacketBlock> Counts(IReadOnlyList<Theme> themes, GlueSummary total, List<ActivityRecord> glue, PeopleReach reach)
    {
        if (themes.Count == 0)
        {
            yield break;
        }
        yield return new Heading(2, "Counts");
        var rows = themes.Select(t => Cells(t.Name, Number(t.Reach.Sessions), Number(t.Reach.Weeks), Hours(t.Minutes), Percent(t.ShareOfGlue), Number(t.Reach.People), Number(t.Reach.Teams)))
            .Append(Cells("All glue work", Number(glue.Count), Number(glue.Select(r => r.Week).Distinct().Count()), Hours(total.GlueMinutes), "100%", Number(reach.People), Number(reach.Teams)))
            .ToList();
        yield return new Table(["theme", "sessions", "weeks", "hours", "share", "people", "teams"], rows);
        yield return new Paragraph("People and teams count distinct colleagues in confirmed glue meetings that were not private; a team is a colleague's manager in the directory, else their department.");
    }

    private static IEnumerable<PacketBlock> Artifacts(GlueSummary total, PacketInput input)
    {
        yield return new Heading(2, "Top artifacts");
        var top = total.Artifacts.GroupBy(a => a.Link.AbsoluteUri, StringComparer.Ordinal)
            .Select(g => (Artifact: g.First(), Sessions: g.Count(), Views: input.ArtifactReach.GetValueOrDefault(g.Key)))
            .OrderByDescending(a => a.Views?.Viewers ?? -1).ThenByDescending(a => a.Sessions).ThenBy(a => a.Artifact.Start)
            .Take(TopArtifacts).ToList();
        if (top.Count == 0)
        {
            yield return new Paragraph("No artifacts recorded in this period.");
            yield break;
        }
        yield return new Table(["artifact", "theme", "sessions", "views", "viewers"], TextColumns: 2, Rows: [.. top.Select(a => (IReadOnlyList<IReadOnlyList<Run>>)
        [
            [Run.LinkTo(a.Artifact.Title ?? a.Artifact.Link.Host, a.Artifact.Link)], [Run.Ours(ReachPhrases.Name(a.Artifact.CategoryId))], [Run.Ours(Number(a.Sessions))],
            [Run.Ours(a.Views is { } v ? Number(v.Views) : "—")], [Run.Ours(a.Views is { } w ? Number(w.Viewers) : "—")],
        ])]);
        if (input.AnalyticsNote is { } note)
        {
            yield return new Paragraph(note);
        }
    }

    private static IEnumerable<PacketBlock> Outcomes(List<ActivityRecord> glue, TimeZoneInfo zone)
    {
        yield return new Heading(2, "Outcomes");
        var outcomes = glue.Where(r => !string.IsNullOrWhiteSpace(r.Confirmation!.OutcomeNote))
            .GroupBy(r => r.Confirmation!.OutcomeNote!.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(r => r.Start))
            .ToList();
        if (outcomes.Count == 0)
        {
            yield return new Paragraph("No outcomes recorded in this period.");
            yield break;
        }
        yield return new Bullets([.. outcomes.Select(g => (IReadOnlyList<Run>)
        [
            Run.Ours("“"), Run.User(g.First().Confirmation!.OutcomeNote!.Trim()), Run.Ours("” — "),
            Run.Ours(string.Join(", ", g.Select(r => ReachPhrases.Name(r.Confirmation!.CategoryId)).Distinct(StringComparer.Ordinal)) +
                     $", {Count(g.Count(), "record", "records")}, {Span(LocalDay(g.Min(r => r.Start), zone), LocalDay(g.Max(r => r.Start), zone))}"),
        ])]);
    }

    private static IEnumerable<PacketBlock> Quotes(IReadOnlyList<PacketQuote> quotes)
    {
        if (quotes.Count == 0)
        {
            yield break;
        }
        yield return new Heading(2, "What my manager said");
        foreach (var quote in quotes.OrderBy(q => q.Date))
        {
            yield return new Quote([Run.User(quote.Text)], [Run.User(quote.ManagerName), Run.Ours(", on "), Run.User(quote.About), Run.Ours(", " + Day(quote.Date))]);
        }
    }

    private static IEnumerable<PacketBlock> LadderEvidence(PacketInput input, IReadOnlyList<Theme> themes, IReadOnlyList<ActivityRecord> glue)
    {
        yield return new Heading(2, "Evidence for " + input.Level.Name);
        foreach (var competency in input.Ladder.Competencies)
        {
            yield return new Heading(3, competency.Name);
            if (input.Level.Expectations.TryGetValue(competency.Id, out var expectation))
            {
                yield return new Paragraph([Run.Strong($"Expected of a {input.Level.Name}:"), Run.Ours(" " + expectation)]);
            }
            var evidence = competency.MultiplierOnly ? MultiplierEvidence(glue) : [.. themes.Where(t => competency.Categories.Contains(t.CategoryId)).Select(ThemeEvidence)];
            yield return evidence.Count == 0 ? new Paragraph("No records for this competency in this period.") : new Bullets(evidence);
        }
        yield return new Paragraph([Run.Ours($"Ladder: {input.Ladder.Name}. Modelled on: "),
            .. Join(input.Ladder.Sources.Select(s => (IReadOnlyList<Run>)[Uri.TryCreate(s.Url, UriKind.Absolute, out var url) ? new Run(s.Title, Link: url) : Run.Ours(s.Title)])),
            Run.Ours(".")]);
    }

    private static IReadOnlyList<Run> ThemeEvidence(Theme theme) =>
        [Run.Strong(theme.Name + ":"), Run.Ours($" {ReachPhrases.Of(theme.Reach)}, {Hours(theme.Minutes)}" + (theme.Multiplier > 0 ? $", {theme.Multiplier} multiplier" : "") + ".")];

    /// <summary>Force multiplication: each reusable thing built (an artifact, or multiplier sessions of a theme without one).</summary>
    private static List<IReadOnlyList<Run>> MultiplierEvidence(IReadOnlyList<ActivityRecord> glue)
    {
        var multiplier = glue.Where(r => r.Confirmation!.Impact == Impact.Multiplier).ToList();
        var withArtifact = multiplier.Where(r => r.Confirmation!.ArtifactLink is not null)
            .GroupBy(r => r.Confirmation!.ArtifactLink!.AbsoluteUri, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => (IReadOnlyList<Run>)[Run.LinkTo(g.First().Confirmation!.ArtifactTitle ?? g.First().Confirmation!.ArtifactLink!.Host, g.First().Confirmation!.ArtifactLink!),
                Run.Ours($" ({ReachPhrases.Name(g.First().Confirmation!.CategoryId)}, {Count(g.Count(), "session", "sessions")})")]);
        var without = multiplier.Where(r => r.Confirmation!.ArtifactLink is null)
            .GroupBy(r => r.Confirmation!.CategoryId, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<Run>)[Run.Ours($"{Count(g.Count(), "multiplier session", "multiplier sessions")} of {ReachPhrases.Name(g.Key)} without a recorded artifact")]);
        return [.. withArtifact, .. without];
    }

    private static IEnumerable<PacketBlock> Delegated(GlueSummary total, List<ActivityRecord> glue, TimeZoneInfo zone)
    {
        yield return new Heading(2, "Private: delegated work");
        yield return new Paragraph("This section is for you: leave it out of what you hand in. It lists glue work you marked as someone else's work handed to you.");
        var delegated = glue.Where(r => r.Confirmation!.Delegated).ToList();
        if (delegated.Count == 0)
        {
            yield return new Paragraph("No delegated work recorded in this period.");
            yield break;
        }
        yield return new Paragraph($"{Hours(total.DelegatedMinutes)} ({Percent(total.DelegatedShare)} of glue time) in {Count(delegated.Count, "record", "records")}:");
        yield return new Bullets([.. delegated.Select(r => (IReadOnlyList<Run>)
            [Run.Ours(Day(LocalDay(r.Start, zone)) + ": "), Run.User(r.Title), Run.Ours($" ({ReachPhrases.Name(r.Confirmation!.CategoryId)}, {r.Minutes} min)")])]);
    }

    private static IEnumerable<Run> Join(IEnumerable<IReadOnlyList<Run>> parts)
    {
        var first = true;
        foreach (var part in parts)
        {
            if (!first)
            {
                yield return Run.Ours(", ");
            }
            first = false;
            foreach (var run in part)
            {
                yield return run;
            }
        }
    }

    private static IReadOnlyList<Run> Line(string text) => [Run.Ours(text)];

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static IReadOnlyList<IReadOnlyList<Run>> Cells(params string[] cells) => [.. cells.Select(c => (IReadOnlyList<Run>)[Run.Ours(c)])];

    /// <summary>"2 Nov and 29 Nov 2026", or "28 Dec 2026 and 3 Jan 2027" across a new year.</summary>
    public static string Range(DateOnly first, DateOnly last, string joiner = "and") =>
        first.Year == last.Year ? $"{first.ToString("d MMM", Inv)} {joiner} {Day(last)}" : $"{Day(first)} {joiner} {Day(last)}";

    /// <summary>"26 Nov 2026" for one day, else "from 5 Nov to 25 Nov 2026".</summary>
    private static string Span(DateOnly first, DateOnly last) => first == last ? Day(first) : "from " + Range(first, last, "to");

    /// <summary>"29 Nov 2026", or "Sun 29 Nov 2026".</summary>
    public static string Day(DateOnly date, bool weekday = false) => date.ToString(weekday ? "ddd d MMM yyyy" : "d MMM yyyy", Inv);

    private static string Count(int n, string singular, string plural) => ReachPhrases.Count(n, singular, plural);

    private static string Hours(int minutes) => (minutes / 60.0).ToString("0.0", Inv) + " h";

    private static string Percent(double share) => share.ToString("P0", Inv).Replace(" ", "", StringComparison.Ordinal);

    private static string Number(int n) => n.ToString(Inv);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
