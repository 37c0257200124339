using System.Globalization;
using GlueTeams.Core.Weeks;
using GlueTeams.Teams.Activities;

namespace GlueTeams.App.Bot;

/// <summary>Which week and page an action came from, read from untrusted card data (only used to choose what to show).</summary>
internal static class CardPosition
{
    public static IsoWeek Week(AdaptiveCardInvoke action, IsoWeek current) =>
        IsoWeek.TryParse(action.DataString(Cards.Verbs.Week), out var week) ? week : current;

    public static int Page(AdaptiveCardInvoke action) =>
        int.TryParse(action.DataString(Cards.Verbs.PageNumber), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Min(page, 1000) : 0;
}
