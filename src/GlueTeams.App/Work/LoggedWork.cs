using System.Security.Cryptography;
using System.Text;
using GlueTeams.App.Users;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Work;

/// <summary>How saving a piece of logged work went.</summary>
public abstract record LogResult
{
    public sealed record Saved(StoredRecord Record) : LogResult;
    /// <summary>The same entry was saved before (a second tap on Save, a re-sent submit): nothing new was written.</summary>
    public sealed record AlreadySaved(StoredRecord Record) : LogResult;
    /// <summary>The user deleted their data: nothing was written (or what raced the erasure was removed again).</summary>
    public sealed record Erased : LogResult;
}

/// <summary>
/// Glue work that was not a meeting ("log 2h …", the tab's Add work, the "Log as glue work" message action): suggested
/// by the same engine as a meeting, and stored as a confirmed record in the user's own week partition, so it counts
/// wherever their records count. Every write checks the erasure tombstone before and after (<see cref="ErasureGuard"/>).
/// </summary>
public sealed class LoggedWork(ActivityStore activities, UserStore users, ErasureGuard erasures, TimeProvider time, Suggestions.TenantModels models)
{
    /// <summary>The engine's suggestion for the entry (category with its reason, multiplier with its reason), or null when nothing points to a category.</summary>
    public async Task<Suggestion?> SuggestAsync(string tenantId, UserProfile? profile, WorkLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var context = SuggestionContext.Cold(profile?.UserPrincipalName ?? "", profile?.ManagerUserPrincipalName) with
        {
            Model = await models.GetAsync(tenantId, cancellationToken),
        };
        return SuggestionEngine.SuggestLogged(log.Text, log.Link, context);
    }

    /// <summary>
    /// Stores the entry as confirmed with <paramref name="tag"/>, in the week it is logged in (the user's own time zone).
    /// <paramref name="entryKey"/> makes it idempotent: the same key saves once.
    /// </summary>
    public async Task<LogResult> SaveAsync(string tenantId, string userId, WorkLog log, ValidTag tag, ActivitySource source, string entryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(tag);
        if (await erasures.IsErasedAsync(tenantId, userId, cancellationToken))
        {
            return new LogResult.Erased();
        }
        var profile = await users.GetAsync(tenantId, userId, cancellationToken);
        var zone = profile?.TimeZone ?? TimeZoneInfo.Utc;
        var now = time.GetUtcNow();
        var week = IsoWeek.Containing(now, zone);
        // Logged work has no slot in the calendar: it stands as the time just before it was logged (within its week),
        // and counts as time spent (Core's TimeInMeetings adds it, never merges it with meetings).
        var start = now.AddMinutes(-log.Minutes);
        var weekStart = week.Bounds(zone).Start;
        start = start < weekStart ? weekStart : start;
        var record = new ActivityRecord
        {
            TenantId = tenantId,
            UserId = userId,
            EventKey = "log-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryKey)))[..32],
            Week = week,
            Start = start,
            End = start.AddMinutes(log.Minutes),
            Title = log.Text,
            IsOrganizer = true,
            Source = source,
            Suggestion = await SuggestAsync(tenantId, profile, log, cancellationToken),
            Status = ActivityStatus.Confirmed,
            Confirmation = (tag with { ArtifactLink = tag.ArtifactLink ?? log.Link }).ToConfirmation(profile?.SharingDefault ?? false, now),
        };
        var result = await activities.AddDecidedAsync(record, cancellationToken);
        if (await erasures.UndoIfErasedAsync(tenantId, userId, cancellationToken))
        {
            return new LogResult.Erased();
        }
        return result switch
        {
            WriteResult.Written written => new LogResult.Saved(written.Record),
            WriteResult.Conflict conflict => new LogResult.AlreadySaved(conflict.Current),
            _ => throw new InvalidOperationException("A logged entry's row vanished while it was added."),
        };
    }
}
