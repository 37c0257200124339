using GlueTeams.App.Bot.Cards;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;

namespace GlueTeams.App.Bot;

/// <summary>Reads a user's week from storage and builds the weekly card; used by commands, actions and the scheduler.</summary>
internal sealed class WeekCards(ActivityStore activities, TimeProvider time)
{
    public IsoWeek CurrentWeek(UserProfile profile) => IsoWeek.Containing(time.GetUtcNow(), profile.TimeZone);

    public async Task<IReadOnlyList<WeekRow>> RowsAsync(UserProfile profile, IsoWeek week, CancellationToken cancellationToken) =>
        WeekRow.Group(await activities.ListAsync(profile.TenantId, profile.UserId, week, week, cancellationToken));

    public async Task<AdaptiveCard> BuildAsync(UserProfile profile, string teamsUserId, IsoWeek week, int page, Notice? notice, CancellationToken cancellationToken)
    {
        var records = await activities.ListAsync(profile.TenantId, profile.UserId, week, week, cancellationToken);
        var view = new WeekView(week, WeekRow.Group(records), GlueSummary.Of(records.Select(r => r.Record)), profile.TimeZone, teamsUserId);
        return WeekCard.Page(view, page, notice);
    }

    /// <summary>The rows of one page, as the card that showed it computed them.</summary>
    public static IReadOnlyList<WeekRow> PageRows(IsoWeek week, IReadOnlyList<WeekRow> rows, UserProfile profile, int page)
    {
        var pages = WeekCard.Pages(new WeekView(week, rows, GlueSummary.Empty, profile.TimeZone, ""));
        return pages[Math.Clamp(page, 0, pages.Count - 1)];
    }
}
