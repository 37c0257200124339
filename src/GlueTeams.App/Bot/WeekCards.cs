using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Sync;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;

namespace GlueTeams.App.Bot;

/// <summary>Reads a user's week from storage and builds the weekly card; used by commands, actions and the scheduler.</summary>
/// <param name="sync">The calendar sync, when Graph is configured; without it the card shows what storage holds.</param>
internal sealed partial class WeekCards(ActivityStore activities, TimeProvider time, ILogger<WeekCards> logger, WeekSync? sync = null)
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

    /// <summary>
    /// Brings the week from the calendar into storage first ("this week", the weekly send); card actions skip this and
    /// read storage. A failed sync is logged and the card shows what storage holds.
    /// </summary>
    public async Task<AdaptiveCard> SyncAndBuildAsync(UserProfile profile, string teamsUserId, CancellationToken cancellationToken)
    {
        var week = CurrentWeek(profile);
        if (sync is not null && (await sync.SyncAsync([profile], week, cancellationToken))[0] is { Succeeded: false } failed)
        {
            LogSyncFailed(logger, profile.UserId, week.ToString(), failed.Error);
        }
        return await BuildAsync(profile, teamsUserId, week, 0, null, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syncing {UserId}'s week {Week} failed, showing what is stored: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string userId, string week, string? error);
}
