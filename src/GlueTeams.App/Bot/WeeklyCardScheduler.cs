using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Connector;

namespace GlueTeams.App.Bot;

/// <summary>
/// Sends each user's weekly card at their local day and time. The due list lives in Table Storage, so a restart loses
/// nothing; each due entry is taken by exactly one instance, and a claim per user and week keeps a card from going
/// out twice even if an entry were scheduled twice.
/// </summary>
internal sealed partial class WeeklyCardScheduler(
    IServiceScopeFactory scopes, CardScheduleStore schedule, TimeProvider time, ILogger<WeeklyCardScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(15);
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first poll comes one interval after start, so that a starting instance is ready before it sends.
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
            {
                LogPollFailed(logger, e);
            }
        }
    }

    /// <summary>Takes what is due now and sends it; returns how many cards were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        IReadOnlyList<DueCard> due;
        do
        {
            due = await schedule.TakeDueAsync(time.GetUtcNow(), BatchSize, cancellationToken: cancellationToken);
            foreach (var card in due)
            {
                sent += await SendOneAsync(card, cancellationToken) ? 1 : 0;
            }
        }
        while (due.Count == BatchSize);
        return sent;
    }

    private async Task<bool> SendOneAsync(DueCard due, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var profile = await services.GetRequiredService<UserStore>().GetAsync(due.TenantId, due.UserId, cancellationToken);
        if (profile is null || await services.GetRequiredService<ErasureTombstones>().IsErasedAsync(due.TenantId, due.UserId, cancellationToken))
        {
            return false; // the user deleted their data: nothing more to send, nothing to schedule
        }
        var registration = services.GetRequiredService<UserRegistration>();
        var weeks = services.GetRequiredService<WeekCards>();
        var week = weeks.CurrentWeek(profile);
        var sent = false;
        if (profile is { ShouldReceiveCards: true, Conversation: { } conversation }
            && await services.GetRequiredService<ClaimStore>().TryClaimAsync(profile.TenantId, profile.UserId, "weekly:" + week, Environment.MachineName, cancellationToken))
        {
            var card = await weeks.SyncAndBuildAsync(profile, profile.TeamsUserId ?? profile.UserId, cancellationToken);
            var result = await services.GetRequiredService<ConnectorClient>().SendAsync(conversation.ServiceUrl, conversation.ConversationId, Activity.CardMessage(card), cancellationToken);
            if (!result.IsOk)
            {
                LogSendFailed(logger, profile.UserId, result.Message);
                await services.GetRequiredService<ClaimStore>().ReleaseAsync(profile.TenantId, profile.UserId, "weekly:" + week, cancellationToken);
                await schedule.ScheduleAsync(profile.TenantId, profile.UserId, time.GetUtcNow() + RetryDelay, cancellationToken: cancellationToken);
                return false;
            }
            sent = true;
        }
        if (profile.Installed)
        {
            await schedule.ScheduleAsync(profile.TenantId, profile.UserId, registration.NextCard(profile), cancellationToken: cancellationToken);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the weekly card schedule failed; retrying at the next tick.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the weekly card to {UserId} failed; retrying later: {Message}")]
    private static partial void LogSendFailed(ILogger logger, string userId, string? message);
}
