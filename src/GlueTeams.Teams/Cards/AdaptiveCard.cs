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

/// <param name="UserIds">Teams user MRIs (the activity's from.id); at most 60.</param>
public sealed record CardRefresh(
    [property: JsonPropertyName("action")] ExecuteAction Action,
    [property: JsonPropertyName("userIds")] IReadOnlyList<string> UserIds);

public sealed record TeamsCardProperties([property: JsonPropertyName("width")] string Width)
{
    public static TeamsCardProperties FullWidth { get; } = new("Full");
}
