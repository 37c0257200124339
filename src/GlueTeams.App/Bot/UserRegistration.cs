using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.Storage.Queues;
using GlueTeams.Core.Weeks;
using GlueTeams.App.Users;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Bot;

/// <summary>Installs and uninstalls: the user's profile, where to reach them, and their next weekly card.</summary>
internal sealed partial class UserRegistration(UserStore users, CardScheduleStore schedule, ClaimStore claims, ErasureTombstones tombstones, TimeProvider time,
    DirectoryProfiles directory, ILogger<UserRegistration> logger, SubscriptionManager? subscriptions = null, WorkQueue<SyncWorkItem>? syncQueue = null)
{
    /// <summary>The result of an install: the profile, and whether this chat has not been welcomed yet.</summary>
    public sealed record Installed(UserProfile Profile, bool ShouldWelcome);

    /// <summary>
    /// Stores the user and the personal chat, and schedules the first weekly card. Idempotent. An install is an explicit
    /// start: a user who deleted their data starts again here (the tombstone goes).
    /// </summary>
    public async Task<Installed> InstallAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        if (BotDispatcher.StartsAgain(turn))
        {
            await tombstones.ClearAsync(turn.TenantId, turn.UserId, cancellationToken);
        }
        else if (await tombstones.IsErasedAsync(turn.TenantId, turn.UserId, cancellationToken))
        {
            throw new UserErasedException(); // a card action that raced the erasure must not bring the profile back
        }
        var existing = await users.GetAsync(turn.TenantId, turn.UserId, cancellationToken);
        var conversation = new ConversationReference(turn.Inbound.ServiceUrl, turn.Inbound.ConversationId, turn.Activity.Recipient?.Id ?? "");
        if (existing is { Installed: true, Unreachable: false } && existing.Conversation == conversation)
        {
            return new(existing, false);
        }
        var profile = (existing ?? new UserProfile { TenantId = turn.TenantId, UserId = turn.UserId, CreatedAt = time.GetUtcNow() }) with
        {
            DisplayName = turn.Activity.From?.Name ?? existing?.DisplayName ?? "",
            TeamsUserId = turn.TeamsUserId,
            TimeZoneId = KnownZone(turn.Activity.LocalTimezone) ?? existing?.TimeZoneId ?? "UTC",
            Installed = true,
            Unreachable = false,
            Conversation = conversation,
        };
        if (existing is not { Installed: true })
        {
            profile = await directory.CompleteAsync(profile, turn.Activity.LocalTimezone is null, cancellationToken);
        }
        await users.UpsertAsync(profile, cancellationToken);
        await schedule.ScheduleAsync(profile.TenantId, profile.UserId, NextCard(profile), cancellationToken: cancellationToken);
        if (existing is not { Installed: true })
        {
            await SubscribeAsync(profile, cancellationToken);
            await BackfillAsync(profile, cancellationToken);
        }
        // Teams sends installationUpdate and conversationUpdate together: the claim lets only one of them welcome.
        return new(profile, await claims.TryClaimAsync(profile.TenantId, profile.UserId, WelcomeKey(conversation.ConversationId), Environment.MachineName, cancellationToken));
    }

    /// <summary>The user's profile, registering them first if they talk to the bot before any install event arrived.</summary>
    public async Task<UserProfile> EnsureAsync(BotTurn turn, CancellationToken cancellationToken) =>
        await users.GetAsync(turn.TenantId, turn.UserId, cancellationToken) is { Installed: true, Unreachable: false } profile
            ? profile
            : (await InstallAsync(turn, cancellationToken)).Profile;

    /// <summary>Uninstall: nothing more is sent. Data stays until the user deletes it or retention purges it.</summary>
    public async Task UninstallAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(turn.TenantId, turn.UserId, cancellationToken) is { } profile)
        {
            await users.UpsertAsync(profile with { Installed = false }, cancellationToken);
        }
        await claims.ReleaseAsync(turn.TenantId, turn.UserId, WelcomeKey(turn.Inbound.ConversationId), cancellationToken);
    }

    /// <summary>The welcome card could not be queued: a re-delivered install may welcome again.</summary>
    public async Task ForgetWelcomeAsync(BotTurn turn, CancellationToken cancellationToken) =>
        await claims.ReleaseAsync(turn.TenantId, turn.UserId, WelcomeKey(turn.Inbound.ConversationId), cancellationToken);

    /// <summary>Saves changed settings and moves the scheduled card to the new day and time.</summary>
    public async Task SaveSettingsAsync(UserProfile before, UserProfile after, CancellationToken cancellationToken)
    {
        await users.UpsertAsync(after, cancellationToken);
        await schedule.ScheduleAsync(after.TenantId, after.UserId, NextCard(after), NextCard(before), cancellationToken);
    }

    /// <summary>Asks Graph to notify us of the user's calendar changes; a failure is retried by the next install or renewal.</summary>
    private async Task SubscribeAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        if (subscriptions is not { IsEnabled: true })
        {
            return;
        }
        try
        {
            await subscriptions.CreateAsync(profile, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Kiota.Abstractions.ApiException)
        {
            logger.LogWarning(e, "Creating the Graph subscription failed; the weekly sync still reads the calendar.");
        }
    }

    /// <summary>
    /// Queues the last quarter (the 12 weeks before this one) for the sync worker: read through the same $batch sync
    /// as every week, as suggestions, so that a new user's first packet is not empty. One queue write here; the reading
    /// happens off the install turn. A failure is logged and leaves the weekly sync as it is.
    /// </summary>
    private async Task BackfillAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        if (syncQueue is null)
        {
            return;
        }
        try
        {
            var week = Core.Weeks.IsoWeek.Containing(time.GetUtcNow(), profile.TimeZone);
            await syncQueue.EnqueueAsync(SyncWorkItem.Backfill(profile.TenantId, profile.UserId, week), cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            LogBackfillNotQueued(logger, e.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queueing a new user's last quarter failed ({Status}); their weeks from now on sync as usual.")]
    private static partial void LogBackfillNotQueued(ILogger logger, int status);

    private static string WelcomeKey(string conversationId) => "welcome:" + conversationId;

    public DateTimeOffset NextCard(UserProfile profile) =>
        new WeeklySchedule(profile.CardDay, profile.CardTime, profile.TimeZone).NextAfter(time.GetUtcNow());

    /// <summary>A time zone id this machine knows (IANA or Windows), or null.</summary>
    public static string? KnownZone(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
}

/// <summary>The user deleted their data while this turn was under way: it must write nothing.</summary>
internal sealed class UserErasedException() : Exception("The user deleted their data.");
