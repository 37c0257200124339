using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Work;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;

namespace GlueTeams.App.Bot;

/// <summary>
/// "log 2h onboarding guide https://…": the reply card shows what was read and what the engine suggests; one tap on
/// Save stores it as confirmed glue work (Source Manual). Nothing is stored before that tap, and the text is read again
/// from the card on Save, since card data is untrusted.
/// </summary>
internal sealed class LogActions(LoggedWork work)
{
    /// <summary>A message that asks to log work: "log" alone or followed by the entry.</summary>
    public static bool IsLog(string command) => command == "log" || command.StartsWith("log ", StringComparison.Ordinal);

    public async Task<AdaptiveCard> PreviewAsync(BotTurn turn, UserProfile profile, string text, CancellationToken cancellationToken)
    {
        var parsed = WorkLogParser.ParseCommand(text);
        if (!parsed.IsValid)
        {
            return LogCard.Problem(parsed.Message);
        }
        var suggestion = await work.SuggestAsync(turn.TenantId, profile, parsed.Value, cancellationToken);
        return LogCard.Preview(parsed.Value, suggestion, text, LogId(turn, null));
    }

    public async Task<AdaptiveCard> SaveAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var text = action.DataString(Verbs.Log);
        var parsed = WorkLogParser.ParseCommand(text);
        if (!parsed.IsValid)
        {
            return LogCard.Problem(parsed.Message);
        }
        var logId = LogId(turn, action.DataString(Verbs.LogId));
        var tag = TagValidator.Validate(new TagInput(action.DataString("category"), action.DataString("impact"), null, null, null, false));
        if (!tag.IsValid)
        {
            var suggestion = await work.SuggestAsync(turn.TenantId, profile, parsed.Value, cancellationToken);
            return LogCard.Preview(parsed.Value, suggestion, text!, logId, Notice.Error(tag.Message + " Nothing was logged."));
        }
        // Keyed by the user and the message the card answered: a second tap, or Teams re-sending the invoke, saves nothing new.
        return await work.SaveAsync(turn.TenantId, turn.UserId, parsed.Value, tag.Value, ActivitySource.Manual, $"bot:{turn.UserId}:{logId}", cancellationToken) switch
        {
            LogResult.Saved saved => LogCard.Saved(saved.Record.Record, saved.Record.Id, saved.Record.ETag.ToString(), before: false),
            LogResult.AlreadySaved before => LogCard.Saved(before.Record.Record, before.Record.Id, before.Record.ETag.ToString(), before: true),
            _ => InfoCards.Erased(),
        };
    }

    // The id of the "log …" message (the card's own data when it has a sane one, else this activity's id).
    private static string LogId(BotTurn turn, string? fromCard) =>
        fromCard is { Length: > 0 and <= 200 } ? fromCard : turn.Activity.Id is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
}
