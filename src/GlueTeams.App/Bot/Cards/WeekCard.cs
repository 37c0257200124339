using System.Globalization;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>What the weekly card shows: one page of a week's rows, the week's totals, and for whom it refreshes; <see cref="Nudge"/> is the engineer's private nudge, if any.</summary>
internal sealed record WeekView(IsoWeek Week, IReadOnlyList<WeekRow> Rows, GlueSummary Totals, TimeZoneInfo Zone, string TeamsUserId, Nudge? Nudge = null);

/// <summary>The weekly activity card (Universal Actions): rows with a suggested category each, Confirm all, paging.</summary>
internal static class WeekCard
{
    // Room kept for the notice and the paging buttons, which are added after the rows are measured.
    private const int Reserve = 2 * 1024;

    /// <summary>Splits the rows into pages that each fit Teams' card size limit, measured on the serialised card.</summary>
    public static IReadOnlyList<IReadOnlyList<WeekRow>> Pages(WeekView view)
    {
        var empty = CardJson.SizeInBytes(Build(view with { Rows = [] }, 0, null));
        var budget = CardJson.MaxCardBytes - Reserve - empty;
        var pages = new List<IReadOnlyList<WeekRow>>();
        var page = new List<WeekRow>();
        var used = 0;
        foreach (var row in view.Rows)
        {
            // A row's cost: its elements and its Confirm all data, measured on a card holding just that row.
            var size = CardJson.SizeInBytes(Build(view with { Rows = [row] }, 0, null)) - empty;
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
        return Build(view with { Rows = pages[index] }, index, notice, pages.Count);
    }

    private static AdaptiveCard Build(WeekView view, int page, Notice? notice, int pageCount = 1)
    {
        var week = view.Week.ToString();
        var body = new List<CardElement> { Title("Your glue work, week " + week) };
        body.AddRange(NoticeBlock(notice));
        body.Add(Totals(view.Totals));
        if (view.Nudge is { } nudge)
        {
            body.Add(NudgeLine(nudge, week, page));
        }
        // An empty week is "no meetings" only when nothing went wrong: after an error (the calendar unreachable, admin
        // consent missing) the notice says why there is nothing to show.
        if (view.Rows.Count == 0 && notice is not { IsError: true })
        {
            body.Add(new TextBlock("No meetings to review this week."));
        }
        body.AddRange(view.Rows.Select(row => Row(row, view, page)));
        if (pageCount > 1)
        {
            body.Add(Subtle(string.Create(CultureInfo.InvariantCulture, $"Page {page + 1} of {pageCount}")));
        }

        var confirmAll = new Dictionary<string, string> { [Verbs.Week] = week, [Verbs.PageNumber] = Number(page) };
        foreach (var row in view.Rows)
        {
            confirmAll[Verbs.ETagKey(row.Id)] = row.CardETags;
        }
        var actions = new List<CardAction>();
        if (view.Rows.Count > 0)
        {
            actions.Add(Execute("Confirm all", Verbs.ConfirmAll, confirmAll) with { Style = ActionStyle.Positive });
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

    private static FactSet Totals(GlueSummary totals) => new(
    [
        new Fact("Glue work", Hours(totals.GlueMinutes)),
        new Fact("Share of meeting time", Percent(totals.ShareOfMeetingTime)),
        new Fact("Multiplier share", Percent(totals.MultiplierShare)),
        new Fact("Confirmed", string.Create(CultureInfo.InvariantCulture, $"{totals.ConfirmedCount} of {totals.ConfirmedCount + totals.UnconfirmedCount}")),
    ]);

    private static Container Row(WeekRow row, WeekView view, int page)
    {
        var record = row.Record;
        var start = TimeZoneInfo.ConvertTime(record.Start, view.Zone);
        var title = row.Occurrences.Count > 1 ? $"{record.Title} (×{Number(row.Occurrences.Count)})" : record.Title;
        var when = string.Create(CultureInfo.InvariantCulture, $"{start:ddd HH:mm} · {row.Minutes} min");
        // The category's marker (categories.json): the nearest a card can come to the colour the tabs and the packet use.
        var marker = GlueCategories.TryGet(row.CategoryId, out var category) ? category.Marker + " " : "";
        var status = row.IsConfirmed
            ? new TextBlock(marker + "✓ Confirmed: " + GlueCategories.Get(row.CategoryId).Name) { Color = TextColor.Good, Spacing = Spacing.None }
            : Subtle(marker + "Suggested: " + (record.Suggestion?.Reason ?? "no signal in the title"));
        var data = new[] { (Verbs.RecordId, row.Id), (Verbs.ETag, row.CardETags), (Verbs.Week, view.Week.ToString()), (Verbs.PageNumber, Number(page)) };
        var actions = new List<CardAction>
        {
            Execute(row.IsConfirmed ? "Update" : "Confirm", Verbs.Confirm, data),
            Execute("Not glue", Verbs.NotGlue, data),
            Execute("Details", Verbs.Details, data),
        };
        if (row.IsConfirmed)
        {
            actions.Add(Execute("Undo", Verbs.Undo, data));
        }
        return new Container(
        [
            new TextBlock(title) { Weight = TextWeight.Bolder },
            Subtle(when),
            status,
            new ChoiceSetInput(Verbs.CategoryInput(row.Id), CategoryChoices) { Value = row.CategoryId, Label = "Category" },
            new ToggleInput(Verbs.ImpactInput(row.Id), "Multiplier (builds something reusable)")
            {
                ValueOn = "multiplier",
                ValueOff = "one-off",
                Value = row.Impact == Impact.Multiplier ? "multiplier" : "one-off",
            },
            new ActionSet(actions),
        ])
        { Separator = true, Spacing = Spacing.Medium };
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
