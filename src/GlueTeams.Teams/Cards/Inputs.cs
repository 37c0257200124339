using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Cards;

/// <summary>What every input has; an input's id is the key of its value in the Action.Execute data.</summary>
public abstract record CardInput : CardElement
{
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("isRequired")] public bool? IsRequired { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
}

public enum ChoiceInputStyle { Compact, Expanded, Filtered }

public sealed record ChoiceSetInput : CardInput
{
    public ChoiceSetInput(string id, IReadOnlyList<Choice> choices) => (Id, Choices) = (id, choices);

    [JsonPropertyName("choices")] public IReadOnlyList<Choice> Choices { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("style")] public ChoiceInputStyle? Style { get; init; } = ChoiceInputStyle.Compact;
    [JsonPropertyName("isMultiSelect")] public bool? IsMultiSelect { get; init; }
    [JsonPropertyName("placeholder")] public string? Placeholder { get; init; }
}

public sealed record Choice(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);

public sealed record TextInput : CardInput
{
    public TextInput(string id) => Id = id;

    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("placeholder")] public string? Placeholder { get; init; }
    [JsonPropertyName("maxLength")] public int? MaxLength { get; init; }
    [JsonPropertyName("isMultiline")] public bool? IsMultiline { get; init; }
    [JsonPropertyName("regex")] public string? Regex { get; init; }
}

public sealed record ToggleInput : CardInput
{
    public ToggleInput(string id, string title) => (Id, Title) = (id, title);

    [JsonPropertyName("title")] public string Title { get; init; }
    /// <summary>"true" or "false" unless <see cref="ValueOn"/>/<see cref="ValueOff"/> say otherwise.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("valueOn")] public string? ValueOn { get; init; }
    [JsonPropertyName("valueOff")] public string? ValueOff { get; init; }
}
