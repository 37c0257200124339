using System.Text.Json;
using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Activities;

/// <summary>
/// A Bot Framework activity as Teams sends it and as we send it: only the fields GlueTeams reads or writes. Unknown
/// fields are ignored on the way in; null fields are left out on the way out.
/// </summary>
public sealed record Activity
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
    [JsonPropertyName("localTimestamp")] public DateTimeOffset? LocalTimestamp { get; init; }
    /// <summary>The user's IANA time zone, e.g. "Europe/Paris".</summary>
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; init; }
    [JsonPropertyName("locale")] public string? Locale { get; init; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; init; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; init; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; init; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; init; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; init; }
    [JsonPropertyName("channelData")] public TeamsChannelData? ChannelData { get; init; }
    /// <summary>"add" or "remove" on an installationUpdate.</summary>
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("membersAdded")] public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("value")] public JsonElement? Value { get; init; }
    /// <summary>The invoke name, e.g. "adaptiveCard/action".</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; init; }
    [JsonPropertyName("attachments")] public IReadOnlyList<Attachment>? Attachments { get; init; }
    /// <summary>Plain text Teams shows in the notification and the chat list for a message whose content is a card.</summary>
    [JsonPropertyName("summary")] public string? Summary { get; init; }

    /// <summary>The tenant, from the conversation or (older payloads) the channel data.</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;

    /// <summary>A plain text message to send.</summary>
    public static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>"The bot is typing": Teams shows it until the next message (or a few seconds).</summary>
    public static Activity Typing() => new() { Type = ActivityTypes.Typing };

    /// <summary>
    /// A message carrying one Adaptive Card, with a notification summary: <paramref name="summary"/>, or else the card's
    /// first text (every GlueTeams card opens with its title), so that a notification never says only "Card".
    /// </summary>
    public static Activity CardMessage(Cards.AdaptiveCard card, string? summary = null) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)], Summary = summary ?? card.Body.OfType<Cards.TextBlock>().FirstOrDefault()?.Text };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
}

public sealed record ChannelAccount(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("aadObjectId")] string? AadObjectId = null);

public sealed record ConversationAccount(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("conversationType")] string? ConversationType = null,
    [property: JsonPropertyName("tenantId")] string? TenantId = null);

public sealed record TeamsChannelData([property: JsonPropertyName("tenant")] TenantInfo? Tenant);

public sealed record TenantInfo([property: JsonPropertyName("id")] string? Id);

public sealed record Attachment(
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("content")] JsonElement? Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment AdaptiveCard(Cards.AdaptiveCard card) => new(AdaptiveCardContentType, Cards.CardJson.ToElement(card));
}
