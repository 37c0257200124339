using System.Globalization;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>
/// What the weekly card shows: a week's rows (all of them; pages only split the display), its totals, and for whom it
/// refreshes; <see cref="Nudge"/> is the engineer's private nudge (issue 16), if any.
/// </summary>
internal sealed record WeekView(IsoWeek Week, IReadOnlyList<WeekRow> Rows, GlueSummary Totals, TimeZoneInfo Zone, string TeamsUserId, Nudge? Nudge = null);

/// <summary>
/// The weekly activity card (Universal Actions), a ten-second job: unsure rows first with their confidence, sure glue
/// work after them, sure not-glue rows collapsed into one line, and one "Confirm week" that confirms every row of the
/// week as suggested, on every page. Tapping a row opens its details to change it. At most four top-level actions.
/// </summary>
internal static class WeekCard
{
    public const string ConfirmWeekTitle = "Confirm week";
    private const string QuietListId = "not-glue-rows";

    // Room kept for what is added after the rows are measured: the notice, the totals line, the nudge and the paging
    // buttons. Each comes and goes or grows as rows are confirmed, so measuring without them keeps every row on its page.
    private const int Reserve = 3 * 1024;

    /// <summary>Splits the week's rows, in the card's order, into pages that each fit Teams' card size limit, measured on the serialised card.</summary>
    public static IReadOnlyList<IReadOnlyList<WeekRow>> Pages(WeekView view)
    {
        // Measured as if nothing were confirmed yet, so that confirming never moves a row to another page.
        var empty = CardJson.SizeInBytes(Build(view, [], 0, 1, null, measuring: true));
        var budget = CardJson.MaxCardBytes - Reserve - empty;
        var pages = new List<IReadOnlyList<WeekRow>>();
        var page = new List<WeekRow>();
        var used = 0;
        foreach (var row in WeekRow.Ordered(view.Rows))
        {
            // A row's cost: its elements, measured on a card holding just that row.
            var size = CardJson.SizeInBytes(Build(view, [row], 0, 1, null, measuring: true)) - empty;
            if (page.Count > 0 && used + size > budget)
            {
                pages.Add(page);
                (page, used) = ([], 0);
            }
            page.Add(row);
            used += size;
        }
        pages.Add(page);
        return pages;
    }

    /// <summary>The card for page <paramref name="pageNumber"/> (clamped) of the week.</summary>
    public static AdaptiveCard Page(WeekView view, int pageNumber, Notice? notice = null)
    {
        var pages = Pages(view);
        var index = Math.Clamp(pageNumber, 0, pages.Count - 1);
        return Build(view, pages[index], index, pages.Count, notice);
    }

    /// <param name="measuring">Build the card as it is before anything is confirmed (for <see cref="Pages"/>).</param>
    private static AdaptiveCard Build(WeekView view, IReadOnlyList<WeekRow> rows, int page, int pageCount, Notice? notice, bool measuring = false)
    {
        var week = view.Week.ToString();
        var body = new List<CardElement> { Title("Your glue work, week " + week) };
        body.AddRange(NoticeBlock(notice));
        body.Add(Subtle(measuring ? "" : Totals(view)) with { Spacing = Spacing.Small });
        body.Add(Subtle("Tap a row to change it; Confirm week confirms the rest as suggested."));
        if (view.Nudge is { } nudge && !measuring)
        {
            body.Add(NudgeLine(nudge, week, page));
        }
        // An empty week is "no meetings" only when nothing went wrong: after an error (the calendar unreachable, admin
        // consent missing) the notice says why there is nothing to show.
        if (view.Rows.Count == 0 && notice is not { IsError: true })
        {
            body.Add(new TextBlock("No meetings to review this week."));
        }
        var unsure = rows.Where(r => r.IsUncertain).ToList();
        var glue = rows.Where(r => !r.IsUncertain && !r.IsQuietNotGlue).ToList();
        var quiet = rows.Where(r => r.IsQuietNotGlue).ToList();
        if (unsure.Count > 0)
        {
            body.Add(Heading(string.Create(CultureInfo.InvariantCulture, $"Check these ({unsure.Count}): Glueprint is not sure")));
            body.AddRange(unsure.Select(row => Row(row, view, page, measuring)));
        }
        if (glue.Count > 0)
        {
            body.Add(Heading(string.Create(CultureInfo.InvariantCulture, $"Glue work ({glue.Count})")));
            body.AddRange(glue.Select(row => Row(row, view, page, measuring)));
        }
        if (quiet.Count > 0)
        {
            body.Add(QuietLine(quiet));
            body.Add(new Container([.. quiet.Select(row => Row(row, view, page, measuring))]) { Id = QuietListId, IsVisible = false });
        }
        if (pageCount > 1)
        {
            body.Add(Subtle(string.Create(CultureInfo.InvariantCulture, $"Page {page + 1} of {pageCount}")));
        }

        var actions = new List<CardAction>();
        if (measuring || view.Rows.Any(r => r.HasOpen))
        {
            // Every row of the week, not just this page's: pages only split the display. Each row carries the ETags of its
            // occurrences, so that one changed since the card was built is skipped and named.
            var etags = view.Rows.ToDictionary(row => row.Id, row => row.CardETags, StringComparer.Ordinal);
            actions.Add(new ExecuteAction(ConfirmWeekTitle, Verbs.ConfirmAll) { Data = new ConfirmWeekData(week, Number(page), etags), Style = ActionStyle.Positive });
        }
        else if (view.Rows.Count > 0)
        {
            body.Add(new TextBlock("✓ Every row of this week is confirmed.") { Color = TextColor.Good, Spacing = Spacing.Medium });
        }
        if (page > 0)
        {
            actions.Add(Execute("Previous page", Verbs.Page, (Verbs.Week, week), (Verbs.PageNumber, Number(page - 1))));
        }
        if (page < pageCount - 1)
        {
            actions.Add(Execute("Next page", Verbs.Page, (Verbs.Week, week), (Verbs.PageNumber, Number(page + 1))));
        }
        actions.Add(Execute("Settings", Verbs.Settings));
        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
            Refresh = new CardRefresh(Execute("Refresh", Verbs.Refresh, (Verbs.Week, week), (Verbs.PageNumber, Number(page))), [view.TeamsUserId]),
        };
    }

    /// <summary>One dismissable line with the engineer's nudge (issue 16): the card goes only to them, so it stays private.</summary>
    private static Container NudgeLine(Nudge nudge, string week, int page) => new(
    [
        new TextBlock("💡 " + nudge.Text),
        new ActionSet([Execute("Dismiss", Verbs.DismissNudge, (Verbs.NudgeKey, nudge.Key), (Verbs.Week, week), (Verbs.PageNumber, Number(page)))]),
    ])
    { Spacing = Spacing.Medium };

    /// <summary>"6.5 h glue work · 34% of meeting time · 20% multiplier · 5 of 18 rows confirmed": rows, as the card shows them.</summary>
    private static string Totals(WeekView view) => string.Create(CultureInfo.InvariantCulture,
        $"{Hours(view.Totals.GlueMinutes)} glue work · {Sure(view.Totals.ShareOfMeetingTime)} of meeting time · {Sure(view.Totals.MultiplierShare)} multiplier · {view.Rows.Count(r => !r.HasOpen)} of {view.Rows.Count} rows confirmed");

    /// <summary>"7 not glue work: Daily standup ×5, Focus ×2 — change"; tapping it shows the rows, each of which opens its details.</summary>
    private static Container QuietLine(IReadOnlyList<WeekRow> quiet)
    {
        var titles = quiet.GroupBy(r => r.Record.Title, StringComparer.Ordinal)
            .Select(g => (Title: g.Key, Times: g.Sum(r => r.Occurrences.Count)))
            .OrderByDescending(t => t.Times)
            .ToList();
        var listed = string.Join(", ", titles.Take(4).Select(t => t.Times > 1 ? $"{Shorten(t.Title, 40)} ×{Number(t.Times)}" : Shorten(t.Title, 40)));
        var meetings = quiet.Sum(r => r.Occurrences.Count);
        var text = $"{Number(meetings)} not glue work: {listed}{(titles.Count > 4 ? ", …" : "")} — change";
        return new Container([new TextBlock(text) { IsSubtle = true, Color = TextColor.Accent }])
        {
            Separator = true,
            Spacing = Spacing.Medium,
            SelectAction = new ToggleVisibilityAction("Show the not-glue rows", [QuietListId]),
        };
    }

    /// <summary>One compact row: its title, then when, how long, and the suggestion (with its confidence) or the confirmation. Tapping it opens its details.</summary>
    private static Container Row(WeekRow row, WeekView view, int page, bool measuring)
    {
        var confirmed = !row.HasOpen && !measuring;
        var record = row.Record;
        var start = TimeZoneInfo.ConvertTime(record.Start, view.Zone);
        var title = row.Occurrences.Count > 1 ? $"{record.Title} ×{Number(row.Occurrences.Count)}" : record.Title;
        var when = record.IsLogged ? "logged" : start.ToString("ddd HH:mm", CultureInfo.InvariantCulture);
        // The category's marker (categories.json): the nearest a card can come to the colour the tabs and the packet use.
        var marker = GlueCategories.TryGet(row.CategoryId, out var category) ? category.Marker + " " : "";
        var line = string.Create(CultureInfo.InvariantCulture, $"{when} · {row.Minutes} min · {marker}{State(row, confirmed)}");
        var data = new[] { (Verbs.RecordId, row.Id), (Verbs.ETag, row.CardETags), (Verbs.Week, view.Week.ToString()), (Verbs.PageNumber, Number(page)) };
        return new Container(
        [
            new TextBlock(title) { Weight = TextWeight.Bolder, MaxLines = 1 },
            new TextBlock(line) { IsSubtle = !confirmed, Color = confirmed ? TextColor.Good : null, Spacing = Spacing.None, MaxLines = 2 },
        ])
        {
            Separator = true,
            Spacing = Spacing.Small,
            SelectAction = Execute("Change " + Shorten(record.Title, 40), Verbs.Details, data),
        };
    }

    /// <summary>"✓ Mentoring · multiplier", "Design review 85% · multiplier: office hours help whoever comes", "Mentoring? 60%: 1:1; …".</summary>
    private static string State(WeekRow row, bool confirmed)
    {
        var category = GlueCategories.Get(row.CategoryId).ShortName;
        var impact = row.CategoryId == GlueCategories.NotGlueId ? "" : row.Impact == Impact.Multiplier ? " · multiplier" : " · one-off";
        if (confirmed)
        {
            return "✓ " + category + impact;
        }
        if (row.Record.Suggestion is not { } suggestion)
        {
            return "not glue? no signal to go on";
        }
        var confidence = Sure(suggestion.Confidence);
        var why = suggestion.Impact == Impact.Multiplier && suggestion.ImpactReason is { } impactReason ? ": " + impactReason : "";
        return row.IsUncertain
            ? $"{category}? {confidence} sure{impact} — {suggestion.Reason}"
            : $"{category} {confidence}{impact}{why}";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
