using System.Net;
using System.Text.RegularExpressions;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Work;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>
/// The "Log as glue work" message action (manifest composeExtensions, context "message"): on any Teams message, a dialog
/// prefilled with the message's link and its first 200 characters; only Save stores anything (Source Message). It
/// works wherever the message is (a channel, a group chat): the user, and so the partition, comes from the validated
/// activity, and nothing about the user's personal chat is changed.
/// </summary>
internal sealed partial class MessageActions(LoggedWork work, UserStore users)
{
    public const string CommandId = "logAsGlueWork";
    public const int PrefillLength = 200;
    private const string DialogTitle = "Log as glue work";

    public async Task<TaskModuleResponse> HandleAsync(BotTurn turn, MessageActionInvoke invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        if (invoke.CommandId != CommandId)
        {
            return TaskModuleResponse.Message($"Glueprint has no command \"{Shorten(invoke.CommandId)}\"; nothing was logged.");
        }
        var profile = await users.GetAsync(turn.TenantId, turn.UserId, cancellationToken);
        return invoke.IsFetch
            ? await FetchAsync(turn, profile, invoke, cancellationToken)
            : await SubmitAsync(turn, profile, invoke, cancellationToken);
    }

    private async Task<TaskModuleResponse> FetchAsync(BotTurn turn, UserProfile? profile, MessageActionInvoke invoke, CancellationToken cancellationToken)
    {
        var text = invoke.Message is { } message ? Prefill(message) : "";
        var link = invoke.Message?.Link is { } l && Uri.TryCreate(l, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.AbsoluteUri : null;
        var logId = invoke.Message?.Id is { Length: > 0 and <= 200 } id ? id : turn.Activity.Id ?? Guid.NewGuid().ToString("N");
        var suggestion = text.Length == 0 ? null : await work.SuggestAsync(turn.TenantId, profile, new WorkLog(30, text, link is null ? null : new Uri(link)), cancellationToken);
        return TaskModuleResponse.Form(DialogTitle, LogFormCard.Build(new LogForm(text, "30m", link, null, null, logId), suggestion));
    }

    private async Task<TaskModuleResponse> SubmitAsync(BotTurn turn, UserProfile? profile, MessageActionInvoke invoke, CancellationToken cancellationToken)
    {
        var form = new LogForm(invoke.DataString("text"), invoke.DataString("duration"), invoke.DataString("link"), invoke.DataString("category"),
            invoke.DataString("impact"), invoke.DataString(Verbs.LogId) is { Length: > 0 and <= 200 } id ? id : turn.Activity.Id ?? Guid.NewGuid().ToString("N"));
        var log = WorkLogParser.Validate(form.Duration, form.Text, form.Link);
        var tag = TagValidator.Validate(new TagInput(form.Category, form.Impact, null, null, null, false));
        if (!log.IsValid || !tag.IsValid)
        {
            var shown = Bounded(form);
            var suggestion = log.IsValid ? await work.SuggestAsync(turn.TenantId, profile, log.Value, cancellationToken) : null;
            return TaskModuleResponse.Form(DialogTitle, LogFormCard.Build(shown, suggestion, [.. log.Errors, .. tag.Errors]));
        }
        return await work.SaveAsync(turn.TenantId, turn.UserId, log.Value, tag.Value, ActivitySource.Message, $"message:{turn.UserId}:{form.LogId}", cancellationToken) switch
        {
            LogResult.Saved saved => TaskModuleResponse.Message(
                $"Logged as glue work: {saved.Record.Record.Title} ({LogCard.Duration(saved.Record.Record.Minutes)}). It counts in week {saved.Record.Record.Week}."),
            LogResult.AlreadySaved before => TaskModuleResponse.Message($"This message was logged already: {before.Record.Record.Title}."),
            _ => TaskModuleResponse.Message("You deleted your Glueprint data, so nothing was logged. Say \"start\" to Glueprint to start again."),
        };
    }

    /// <summary>The message's first 200 characters as plain text: tags dropped, entities decoded, spaces collapsed, invisible formatting removed.</summary>
    internal static string Prefill(InvokedMessage message)
    {
        var text = message.IsHtml ? WebUtility.HtmlDecode(Tags().Replace(message.Html, " ")) : message.Html;
        text = Spaces().Replace(new string(text.Where(c => !char.IsControl(c) && !TagValidator.IsInvisibleFormatting(c)).ToArray()), " ").Trim();
        if (text.Length <= PrefillLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[PrefillLength - 1]) ? PrefillLength - 1 : PrefillLength;
        return text[..cut];
    }

    /// <summary>What the form shows again after a refusal: bounded, so that a 100 KB field is not echoed back.</summary>
    private static LogForm Bounded(LogForm form) => form with
    {
        Text = Cut(form.Text, WorkLogParser.MaxTextLength),
        Duration = Cut(form.Duration, 20),
        Link = Cut(form.Link, TagValidator.MaxLinkLength),
        Category = Cut(form.Category, 40),
        Impact = form.Impact is ImpactNames.Multiplier or ImpactNames.OneOff ? form.Impact : null,
    };

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("<[^>]*>", RegexOptions.NonBacktracking)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();
}
