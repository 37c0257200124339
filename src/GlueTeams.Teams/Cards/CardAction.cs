using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract record CardAction([property: JsonPropertyName("title")] string Title)
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("style")] public ActionStyle? Style { get; init; }
}

public enum ActionStyle { Default, Positive, Destructive }
public enum AssociatedInputs { Auto, None }

/// <summary>Universal Actions: the bot receives an adaptiveCard/action invoke with <see cref="Verb"/> and <see cref="Data"/> plus the inputs.</summary>
public sealed record ExecuteAction(string Title, [property: JsonPropertyName("verb")] string Verb) : CardAction(Title)
{
    /// <summary>
    /// A JSON object: string fields (a dictionary) or a record of the bot's own, written as its runtime type. The client
    /// copies it and writes each input's value into it under the input's id, at the top level (inputs win), so a field
    /// whose name is no input's id comes back as it was sent, nested objects included.
    /// </summary>
    [JsonPropertyName("data")] public object? Data { get; init; }
    [JsonPropertyName("associatedInputs")] public AssociatedInputs? AssociatedInputs { get; init; }
}

public sealed record ShowCardAction(string Title, [property: JsonPropertyName("card")] AdaptiveCard Card) : CardAction(Title);

public sealed record OpenUrlAction(string Title, [property: JsonPropertyName("url")] Uri Url) : CardAction(Title);

/// <param name="TargetElements">Ids of the elements whose visibility flips.</param>
public sealed record ToggleVisibilityAction(string Title, [property: JsonPropertyName("targetElements")] IReadOnlyList<string> TargetElements) : CardAction(Title);

/// <summary>A dialog's (task module's) submit: Teams sends the inputs and <see cref="Data"/> with the dialog's submit invoke.</summary>
public sealed record SubmitAction(string Title) : CardAction(Title)
{
    [JsonPropertyName("data")] public IReadOnlyDictionary<string, string>? Data { get; init; }
}
