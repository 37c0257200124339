using System.Text.Json;
using System.Text.Json.Serialization;
using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Activities;

/// <summary>The value of an <c>adaptiveCard/action</c> invoke: which Action.Execute was pressed, with its data and the inputs.</summary>
/// <param name="Verb">The action's verb.</param>
/// <param name="Data">The action's data merged with the card's input values (an object; empty when none).</param>
/// <param name="Trigger">"manual" (a click) or "automatic" (a refresh); the Test Tool sends none.</param>
public sealed record AdaptiveCardInvoke(string Verb, JsonElement Data, string? Trigger)
{
    public const string InvokeName = "adaptiveCard/action";

    public bool IsRefresh => string.Equals(Trigger, "automatic", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string field of <see cref="Data"/>, or null when absent or not a string.</summary>
    public string? DataString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static Parsed<AdaptiveCardInvoke> Parse(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Invoke || activity.Name != InvokeName)
        {
            return Parsed<AdaptiveCardInvoke>.Fail(ParseFailure.Malformed, $"The activity is not an {InvokeName} invoke.");
        }
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return Parsed<AdaptiveCardInvoke>.Fail(ParseFailure.MissingField, "The invoke lacks value.action.");
        }
        if (!action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(verb.GetString()))
        {
            return Parsed<AdaptiveCardInvoke>.Fail(ParseFailure.MissingField, "The invoke lacks value.action.verb.");
        }
        var data = action.TryGetProperty("data", out var d) ? d : EmptyObject;
        if (data.ValueKind is JsonValueKind.Null)
        {
            data = EmptyObject;
        }
        if (data.ValueKind != JsonValueKind.Object)
        {
            return Parsed<AdaptiveCardInvoke>.Fail(ParseFailure.Malformed, "The invoke's value.action.data is not an object.");
        }
        var trigger = value.TryGetProperty("trigger", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return Parsed<AdaptiveCardInvoke>.Ok(new(verb.GetString()!, data.Clone(), trigger));
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}

/// <summary>
/// The HTTP 200 body answering an <c>adaptiveCard/action</c> invoke (Universal Actions): a card that replaces the one
/// clicked, a message shown to the user, or an error.
/// </summary>
public sealed record AdaptiveCardInvokeResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonElement Value) : IInvokeResponse
{
    public const string CardType = Attachment.AdaptiveCardContentType;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static AdaptiveCardInvokeResponse Card(AdaptiveCard card) => new(200, CardType, CardJson.ToElement(card));

    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, JsonSerializer.SerializeToElement(text, ProtocolJson.Options));

    /// <param name="statusCode">400 for a bad request, 500 for our own failure.</param>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, JsonSerializer.SerializeToElement(new InvokeError(code, message), ProtocolJson.Options));

    private sealed record InvokeError([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);
}

/// <summary>The body of an invoke's HTTP 200: a Universal Actions response, or a message extension's dialog response.</summary>
#pragma warning disable CA1040 // a marker: the two invoke answers share no member, only where they go
public interface IInvokeResponse;
#pragma warning restore CA1040
