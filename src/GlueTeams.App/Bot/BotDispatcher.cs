using System.Text.RegularExpressions;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Evidence;
using GlueTeams.App.Store;
using GlueTeams.App.Outbox;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;
using GlueTeams.Teams.Connector;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>Routes a validated activity by type, a message by command, an invoke by verb, each to one small method.</summary>
internal sealed partial class BotDispatcher(
    UserRegistration registration, WeekCards weeks, RecordActions records, SettingsActions settings, LogActions logs, MessageActions messageActions,
    MessageOutbox outbox, ConnectorClient connector, StoreLinks links, ILogger<BotDispatcher> logger, NudgeService nudges)
{
    /// <summary>Handles the activity; returns the invoke response for an invoke, else null (the HTTP answer is an empty 200).</summary>
    public async Task<IInvokeResponse?> DispatchAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        switch (turn.Inbound.Type)
        {
            case ActivityTypes.Invoke when MessageActionInvoke.IsMessageAction(turn.Activity):
                return await OnMessageActionAsync(turn, cancellationToken);
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(turn, cancellationToken);
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken);
                break;
            case ActivityTypes.InstallationUpdate when turn.Activity.Action?.StartsWith("remove", StringComparison.Ordinal) == true:
                await registration.UninstallAsync(turn, cancellationToken);
                break;
            case ActivityTypes.InstallationUpdate:
            case ActivityTypes.ConversationUpdate when BotWasAdded(turn):
                await OnInstallAsync(turn, cancellationToken);
                break;
        }
        return null;
    }

    /// <summary>
    /// A re-delivered activity has no second effect; a re-delivered invoke still needs a card, so it gets the week as
    /// stored. A message action is answered again: its form has no effect and its save is idempotent per message.
    /// </summary>
    public async Task<IInvokeResponse?> RepeatAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        if (MessageActionInvoke.IsMessageAction(turn.Activity))
        {
            return await OnMessageActionAsync(turn, cancellationToken);
        }
        if (turn.Inbound.Type != ActivityTypes.Invoke || AdaptiveCardInvoke.Parse(turn.Activity) is not { IsOk: true } parsed)
        {
            return null;
        }
        var profile = await registration.EnsureAsync(turn, cancellationToken);
        return AdaptiveCardInvokeResponse.Card(await records.WeekAsync(turn, profile, parsed.Value, null, cancellationToken));
    }

    /// <summary>An install, or a "start" or "hello" message: how a user who deleted their data starts again.</summary>
    public static bool StartsAgain(BotTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Inbound.Type switch
        {
            ActivityTypes.InstallationUpdate => turn.Activity.Action?.StartsWith("remove", StringComparison.Ordinal) != true,
            ActivityTypes.ConversationUpdate => BotWasAdded(turn),
            ActivityTypes.Message => Command(turn.Activity.Text) is "start" or "hello" or "hi",
            _ => false,
        };
    }

    /// <summary>A user who deleted their data, doing anything but starting again: told so, and nothing is written.</summary>
    public Task<IInvokeResponse?> ErasedAsync(BotTurn turn, CancellationToken cancellationToken) =>
        AnswerWithoutStoringAsync(turn, InfoCards.Erased(), "You deleted your Glueprint data, so nothing was logged. Say \"start\" to Glueprint to start again.",
            cancellationToken);

    /// <summary>A user of an organisation whose admin has not consented (multi-tenant): told so with the admin consent link, nothing stored.</summary>
    public Task<IInvokeResponse?> NotServedAsync(BotTurn turn, CancellationToken cancellationToken) =>
        AnswerWithoutStoringAsync(turn, AdminConsent.Card(links, turn.TenantId), AdminConsent.Notice(links, turn.TenantId).Text, cancellationToken);

    /// <summary>
    /// The card as the invoke's answer (a message action gets <paramref name="text"/>), or sent directly for a message or
    /// an install: not through the outbox, whose claims and sent-markers would be rows about someone of whom nothing may
    /// be stored.
    /// </summary>
    private async Task<IInvokeResponse?> AnswerWithoutStoringAsync(BotTurn turn, AdaptiveCard card, string text, CancellationToken cancellationToken)
    {
        if (turn.Inbound.Type == ActivityTypes.Invoke)
        {
            return MessageActionInvoke.IsMessageAction(turn.Activity) ? TaskModuleResponse.Message(text) : AdaptiveCardInvokeResponse.Card(card);
        }
        if (turn.Inbound.Type == ActivityTypes.Message || StartsAgain(turn))
        {
            var result = await connector.SendAsync(turn.TenantId, turn.Inbound.ServiceUrl, turn.Inbound.ConversationId, Activity.CardMessage(card), cancellationToken);
            if (!result.IsOk)
            {
                LogDirectSendFailed(logger, result.Failure, (int?)result.Status);
            }
        }
        return null;
    }

    private static bool BotWasAdded(BotTurn turn) =>
        turn.Activity.Conversation?.ConversationType is null or "personal"
        && turn.Activity.MembersAdded?.Any(m => m.Id is not null && m.Id == turn.Activity.Recipient?.Id) == true;

    private async Task OnInstallAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        var installed = await registration.InstallAsync(turn, cancellationToken);
        if (installed.ShouldWelcome)
        {
            try
            {
                await SendAsync(turn, OutboxKind.Welcome, InfoCards.Welcome(installed.Profile, links), cancellationToken);
            }
            catch
            {
                await registration.ForgetWelcomeAsync(turn, CancellationToken.None);
                throw;
            }
        }
    }

    private async Task OnMessageAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        var profile = await registration.EnsureAsync(turn, cancellationToken);
        var command = Command(turn.Activity.Text);
        var weekCommand = WeekCommand.Read(command, weeks.CurrentWeek(profile), weeks.Today(profile));
        if (weekCommand is { Week: not null })
        {
            await TypingAsync(turn, cancellationToken);
        }
        var card = command switch
        {
            _ when weekCommand is { Week: { } week } => await weeks.SyncAndBuildAsync(profile, turn.TeamsUserId, week, cancellationToken),
            _ when weekCommand is { Problem: { } problem } => InfoCards.Help(profile, links, Notice.Error(problem)),
            _ when LogActions.IsLog(command) => await logs.PreviewAsync(turn, profile, Text(turn.Activity.Text), cancellationToken),
            "summary" => await settings.SummaryAsync(profile, cancellationToken),
            "settings" => SettingsActions.Settings(profile),
            "delete my data" => InfoCards.ConfirmDelete(),
            "start" or "hello" or "hi" => InfoCards.Welcome(profile, links),
            "help" or "hey" or "" => InfoCards.Help(profile, links),
            _ => InfoCards.Help(profile, links, Notice.Info($"I didn't understand \"{Shorten(command)}\". Here is what I can do.")),
        };
        await SendAsync(turn, OutboxKind.Reply, card, cancellationToken);
    }

    /// <summary>
    /// "Log as glue work" on a message, wherever it is: the user is not registered from here (that would point their
    /// weekly card at a group chat or channel), only their own partition is written.
    /// </summary>
    private async Task<IInvokeResponse> OnMessageActionAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        var parsed = MessageActionInvoke.Parse(turn.Activity);
        return parsed.IsOk
            ? await messageActions.HandleAsync(turn, parsed.Value, cancellationToken)
            : AdaptiveCardInvokeResponse.Error(400, "BadRequest", parsed.Message);
    }

    private async Task<AdaptiveCardInvokeResponse> OnInvokeAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        var parsed = AdaptiveCardInvoke.Parse(turn.Activity);
        if (!parsed.IsOk)
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", parsed.Message);
        }
        var action = parsed.Value;
        var profile = await registration.EnsureAsync(turn, cancellationToken);
        var card = action.Verb switch
        {
            Verbs.ConfirmAll => await records.ConfirmAllAsync(turn, profile, action, cancellationToken),
            Verbs.Confirm => await records.ConfirmAsync(turn, profile, action, cancellationToken),
            Verbs.NotGlue => await records.NotGlueAsync(turn, profile, action, cancellationToken),
            Verbs.Undo => await records.UndoAsync(turn, profile, action, cancellationToken),
            Verbs.Details => await records.DetailsAsync(turn, profile, action, cancellationToken),
            Verbs.SaveDetails => await records.SaveDetailsAsync(turn, profile, action, cancellationToken),
            Verbs.Page or Verbs.Refresh => await records.WeekAsync(turn, profile, action, null, cancellationToken),
            Verbs.Summary => await settings.SummaryAsync(profile, cancellationToken),
            Verbs.Settings => SettingsActions.Settings(profile),
            Verbs.SaveSettings => await settings.SaveSettingsAsync(profile, action, cancellationToken),
            Verbs.Share => await settings.ShareAsync(profile, action, cancellationToken),
            Verbs.ApplySharing => await settings.ApplySharingAsync(profile, action, cancellationToken),
            Verbs.DeleteData => InfoCards.ConfirmDelete(),
            Verbs.ConfirmDelete => await settings.DeleteAsync(turn, cancellationToken),
            Verbs.Help => InfoCards.Help(profile, links),
            Verbs.SaveLog => await logs.SaveAsync(turn, profile, action, cancellationToken),
            Verbs.CancelLog => LogCard.Cancelled(),
            Verbs.DismissNudge => await DismissNudgeAsync(turn, profile, action, cancellationToken),
            _ => InfoCards.Help(profile, links, Notice.Error($"\"{Shorten(action.Verb)}\" is not an action Glueprint knows; nothing was changed.")),
        };
        return AdaptiveCardInvokeResponse.Card(card);
    }

    /// <summary>Dismisses the card's nudge (it stays dismissed) and shows the week again; a key that is not one of theirs changes nothing.</summary>
    private async Task<AdaptiveCard> DismissNudgeAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var dismissed = action.DataString(Verbs.NudgeKey) is { Length: > 0 and <= 100 } key
            && await nudges.DismissAsync(profile.TenantId, profile.UserId, profile.TimeZone, key, cancellationToken);
        return await records.WeekAsync(turn, profile, action, dismissed ? Notice.Info("Dismissed: it won't come back.") : null, cancellationToken);
    }

    /// <summary>The command in a message: mentions removed, lower case, single spaces, no trailing punctuation.</summary>
    internal static string Command(string? text) => Text(text).TrimEnd('.', '!', '?').ToLowerInvariant();

    /// <summary>A message as typed, mentions removed, single spaces (what "log …" reads: its case and links kept).</summary>
    internal static string Text(string? text) => Spaces().Replace(Mention().Replace(text ?? "", " "), " ").Trim();

    /// <summary>
    /// Queues the card on the outbox, keyed by the inbound activity id: the last step of a turn, so that the reply is
    /// durable before Teams gets its 200.
    /// </summary>
    private async Task SendAsync(BotTurn turn, OutboxKind kind, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var key = $"{kind}:{turn.Activity.Id ?? Guid.NewGuid().ToString("N")}".ToLowerInvariant();
        await outbox.EnqueueAsync(new OutboxMessage(kind, key, turn.TenantId, turn.UserId, turn.Inbound.ServiceUrl, turn.Inbound.ConversationId,
            turn.Activity.Id is { Length: > 0 } replyTo ? replyTo : null, Activity.CardMessage(card)), cancellationToken);
    }

    /// <summary>
    /// Teams asks for an answer or "typing" within 2 s; a calendar sync can take longer. Best effort, sent directly
    /// (not through the outbox: a late typing indicator is worthless) and given at most <see cref="TypingTimeout"/>;
    /// it counts against the same send limits as every other message (50/s per tenant, 7/s per conversation), and is
    /// left out when its slot would come later than that.
    /// </summary>
    private async Task TypingAsync(BotTurn turn, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TypingTimeout);
        var result = await connector.SendTypingAsync(turn.TenantId, turn.Inbound.ServiceUrl, turn.Inbound.ConversationId, TypingTimeout / 2, timeout.Token);
        if (result.Failure == ConnectorFailure.NoSendSlot)
        {
            LogTypingSkipped(logger);
        }
        else if (!result.IsOk)
        {
            LogTypingFailed(logger, result.Failure, (int?)result.Status);
        }
    }

    private static readonly TimeSpan TypingTimeout = TimeSpan.FromSeconds(2);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // The message's patterns run without backtracking: linear in the text whatever it holds, so they need no match
    // timeout. They had one (100 ms), and on a busy machine a plain "log 3 days …" timed out, failing its turn with a 503.
    [GeneratedRegex(@"<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();

    [LoggerMessage(Level = LogLevel.Information, Message = "The typing indicator was left out: the send rate limit had no slot for it within a second.")]
    private static partial void LogTypingSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The typing indicator was not sent ({Failure}, {Status}); the reply still goes through the outbox.")]
    private static partial void LogTypingFailed(ILogger logger, ConnectorFailure? failure, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A card sent without storing anything (erased user, or organisation not served) was not delivered ({Failure}, {Status}).")]
    private static partial void LogDirectSendFailed(ILogger logger, ConnectorFailure? failure, int? status);
}
