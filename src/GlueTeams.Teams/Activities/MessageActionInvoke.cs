using System.Text.Json;
using System.Text.Json.Serialization;
using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Activities;

/// <summary>The Teams message an action command was invoked on ("…" menu → the app's command): its link and text.</summary>
/// <param name="Link">messagePayload.linkToMessage (https://teams.microsoft.com/l/message/…), when Teams sent one.</param>
/// <param name="Html">messagePayload.body.content as sent (HTML or text; <paramref name="IsHtml"/> says which).</param>
public sealed record InvokedMessage(string? Id, string? Link, string Html, bool IsHtml);

/// <summary>
/// A message extension's action command: <c>composeExtension/fetchTask</c> (Teams asks for the form) or
/// <c>composeExtension/submitAction</c> (the user submitted it, <see cref="Data"/> holding the form's inputs and data).
/// </summary>
public sealed record MessageActionInvoke(string Name, string CommandId, string? CommandContext, InvokedMessage? Message, JsonElement Data)
{
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";

    public bool IsFetch => Name == FetchTask;

    public static bool IsMessageAction(Activity activity) =>
        activity is { Type: ActivityTypes.Invoke, Name: FetchTask or SubmitAction };

    /// <summary>A string field of <see cref="Data"/>, or null when absent or not a string.</summary>
    public string? DataString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static Parsed<MessageActionInvoke> Parse(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!IsMessageAction(activity))
        {
            return Parsed<MessageActionInvoke>.Fail(ParseFailure.Malformed, "The activity is not a message extension action.");
        }
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("commandId", out var command) || command.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(command.GetString()))
        {
            return Parsed<MessageActionInvoke>.Fail(ParseFailure.MissingField, "The invoke lacks value.commandId.");
        }
        var context = String(value, "commandContext");
        InvokedMessage? message = null;
        if (value.TryGetProperty("messagePayload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            var body = payload.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
            message = new InvokedMessage(String(payload, "id"), String(payload, "linkToMessage"),
                body.ValueKind == JsonValueKind.Object ? String(body, "content") ?? "" : "",
                body.ValueKind == JsonValueKind.Object && string.Equals(String(body, "contentType"), "html", StringComparison.OrdinalIgnoreCase));
        }
        var data = value.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : EmptyObject;
        return Parsed<MessageActionInvoke>.Ok(new(activity.Name!, command.GetString()!, context, message, data));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}

/// <summary>
/// The answer to a message extension action: a dialog (task module) with an Adaptive Card form, a short message that
/// closes it, or nothing (an empty object: the dialog closes).
/// </summary>
public sealed record TaskModuleResponse([property: JsonPropertyName("task")] TaskModuleResponse.TaskBody? Task) : IInvokeResponse
{
    public static TaskModuleResponse Form(string title, AdaptiveCard card) =>
        new(new TaskBody("continue", JsonSerializer.SerializeToElement(new TaskInfo(title, "medium", "medium", Attachment.AdaptiveCard(card)), ProtocolJson.Options)));

    public static TaskModuleResponse Message(string text) =>
        new(new TaskBody("message", JsonSerializer.SerializeToElement(text, ProtocolJson.Options)));

    public sealed record TaskBody([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("value")] JsonElement Value);

    private sealed record TaskInfo(
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("height")] string Height,
        [property: JsonPropertyName("width")] string Width,
        [property: JsonPropertyName("card")] Attachment Card);
}
