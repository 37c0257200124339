using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Cards;

/// <summary>An Adaptive Card, schema 1.5: only what GlueTeams uses. Serialise with <see cref="CardJson"/>.</summary>
public sealed record AdaptiveCard
{
    [JsonPropertyName("type")] public string Type { get; } = "AdaptiveCard";
    [JsonPropertyName("$schema")] public string? Schema { get; init; } = "http://adaptivecards.io/schemas/adaptive-card.json";
    [JsonPropertyName("version")] public string Version { get; init; } = "1.5";
    [JsonPropertyName("body")] public IReadOnlyList<CardElement> Body { get; init; } = [];
    [JsonPropertyName("actions")] public IReadOnlyList<CardAction>? Actions { get; init; }
    /// <summary>Universal Actions: the card is refreshed (an automatic Action.Execute) when one of these users views it.</summary>
    [JsonPropertyName("refresh")] public CardRefresh? Refresh { get; init; }
    [JsonPropertyName("msteams")] public TeamsCardProperties? MsTeams { get; init; } = TeamsCardProperties.FullWidth;
}

/// <summary>Universal Actions refresh: an automatic Action.Execute for the listed users.</summary>
public sealed record CardRefresh
{
    /// <param name="userIds">Teams user ids (the activity's from.id); at most 60.</param>
    public CardRefresh(ExecuteAction action, IReadOnlyList<string> userIds) => (Action, UserIds) = (action, userIds);

    // Declared as the base type so that the serializer writes the "type" discriminator.
    [JsonPropertyName("action")] public CardAction Action { get; }
    [JsonPropertyName("userIds")] public IReadOnlyList<string> UserIds { get; }
}

public sealed record TeamsCardProperties([property: JsonPropertyName("width")] string Width)
{
    public static TeamsCardProperties FullWidth { get; } = new("Full");
}
