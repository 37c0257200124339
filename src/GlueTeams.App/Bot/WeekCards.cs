using System.Globalization;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Evidence;
using GlueTeams.App.Extensions;
using GlueTeams.App.Store;
using GlueTeams.App.Sync;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>Reads a user's week from storage and builds the weekly card; used by commands, actions and the scheduler.</summary>
/// <param name="sync">The calendar sync, when Graph is configured; without it the card shows what storage holds.</param>
/// <param name="nudges">The engineer's private nudges (issue 16), when registered: one line on the card.</param>
internal sealed partial class WeekCards(ActivityStore activities, SyncStateStore syncStates, TimeProvider time, ILogger<WeekCards> logger, StoreLinks links,
    WaitOptions waits, WeekSync? sync = null, NudgeService? nudges = null)
{
    private enum SyncOutcome { Read, Failed, ConsentDenied }

    public IsoWeek CurrentWeek(UserProfile profile) => IsoWeek.Containing(time.GetUtcNow(), profile.TimeZone);

    /// <summary>Today in the user's own time zone.</summary>
    public DateOnly Today(UserProfile profile) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), profile.TimeZone).DateTime);

    public async Task<IReadOnlyList<WeekRow>> RowsAsync(UserProfile profile, IsoWeek week, CancellationToken cancellationToken) =>
        WeekRow.Group(await activities.ListAsync(profile.TenantId, profile.UserId, week, week, cancellationToken));

    /// <summary>
    /// The card of a week, read from storage, with the engineer's first nudge. (The scheduled send builds from rows it
    /// read already, without one; Teams refreshes a card when it is viewed, and the refresh comes here.)
    /// </summary>
    public async Task<AdaptiveCard> BuildAsync(UserProfile profile, string teamsUserId, IsoWeek week, int page, Notice? notice, CancellationToken cancellationToken) =>
        Build(profile, teamsUserId, week, await activities.ListAsync(profile.TenantId, profile.UserId, week, week, cancellationToken), page, notice,
            await NudgeAsync(profile, cancellationToken));

    /// <summary>The card of a week whose rows (in time order, as stored) the caller has already.</summary>
    public static AdaptiveCard Build(UserProfile profile, string teamsUserId, IsoWeek week, IReadOnlyList<StoredRecord> records, int page, Notice? notice,
        Core.Evidence.Nudge? nudge = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(records);
        var view = new WeekView(week, WeekRow.Group(records), GlueSummary.Of(records.Select(r => r.Record)), profile.TimeZone, teamsUserId, nudge);
        return WeekCard.Page(view, page, notice);
    }

    /// <summary>The first nudge not dismissed; a nudge is a nicety, so a failure to read it never costs the card.</summary>
    private async Task<Core.Evidence.Nudge?> NudgeAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            return nudges is null ? null : (await nudges.ForAsync(profile.TenantId, profile.UserId, profile.TimeZone, cancellationToken)) is [var first, ..] ? first : null;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            LogNudgeFailed(logger, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Brings the week from the calendar into storage first ("this week", the weekly send); card actions skip this and
    /// read storage. When the calendar cannot be read within <see cref="WaitOptions.Calendar"/> (Graph's own retries of a
    /// throttled or failing Graph must not hold the turn), the card shows what storage holds, with a note saying when
    /// that was last read from the calendar.
    /// </summary>
    public Task<AdaptiveCard> SyncAndBuildAsync(UserProfile profile, string teamsUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return SyncAndBuildAsync(profile, teamsUserId, CurrentWeek(profile), cancellationToken);
    }

    /// <summary>The same for another week ("last week", "week of 16 Nov").</summary>
    public async Task<AdaptiveCard> SyncAndBuildAsync(UserProfile profile, string teamsUserId, IsoWeek week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var notice = await SyncWithinWaitAsync(profile, week, cancellationToken) switch
        {
            SyncOutcome.Read => null,
            // Missing admin consent is said, with the link for the admin, never shown as an empty week.
            SyncOutcome.ConsentDenied => AdminConsent.Notice(links, profile.TenantId),
            _ => await StoredWeekNoticeAsync(profile, week, cancellationToken),
        };
        return await BuildAsync(profile, teamsUserId, week, 0, notice, cancellationToken);
    }

    /// <summary>Read when the week was read from the calendar (or there is no calendar to read).</summary>
    private async Task<SyncOutcome> SyncWithinWaitAsync(UserProfile profile, IsoWeek week, CancellationToken cancellationToken)
    {
        if (sync is null)
        {
            return SyncOutcome.Read;
        }
        using var wait = new CancellationTokenSource(waits.Calendar, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        try
        {
            if ((await sync.SyncAsync([profile], week, linked.Token))[0] is { Succeeded: false } failed)
            {
                LogSyncFailed(logger, week.ToString(), failed.Error);
                return AdminConsent.IsDenied(failed.GraphStatus) ? SyncOutcome.ConsentDenied : SyncOutcome.Failed;
            }
            return SyncOutcome.Read;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Graph throttled past the wait, down, hanging, or the token could not be had: the stored week still helps.
            LogSyncFailed(logger, week.ToString(), wait.IsCancellationRequested ? $"no answer within {waits.Calendar.TotalSeconds} s" : e.GetType().Name);
            return AdminConsent.IsDenied(e) ? SyncOutcome.ConsentDenied : SyncOutcome.Failed;
        }
    }

    private async Task<Notice> StoredWeekNoticeAsync(UserProfile profile, IsoWeek week, CancellationToken cancellationToken)
    {
        var state = await syncStates.GetAsync(profile.TenantId, profile.UserId, week, cancellationToken);
        return Notice.Error(state?.LastSyncedAt is { } synced
            ? $"Couldn't reach your calendar: showing what was stored on {TimeZoneInfo.ConvertTime(synced, profile.TimeZone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}."
            : "Couldn't reach your calendar: showing what is stored; this week was not read from it yet.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a user's nudges failed ({Exception}); the card goes without one.")]
    private static partial void LogNudgeFailed(ILogger logger, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syncing a user's week {Week} failed, showing what is stored: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string week, string? error);
}
