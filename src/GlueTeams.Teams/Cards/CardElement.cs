using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Cards;

/// <summary>An element of a card body; the "type" discriminator comes from the derived type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
public abstract record CardElement
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("isVisible")] public bool? IsVisible { get; init; }
    [JsonPropertyName("separator")] public bool? Separator { get; init; }
    [JsonPropertyName("spacing")] public Spacing? Spacing { get; init; }
}

public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge }
public enum TextSize { Small, Default, Medium, Large, ExtraLarge }
public enum TextWeight { Lighter, Default, Bolder }
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

public sealed record TextBlock(
    [property: JsonPropertyName("text")] string Text) : CardElement
{
    [JsonPropertyName("wrap")] public bool? Wrap { get; init; } = true;
    [JsonPropertyName("size")] public TextSize? Size { get; init; }
    [JsonPropertyName("weight")] public TextWeight? Weight { get; init; }
    [JsonPropertyName("color")] public TextColor? Color { get; init; }
    [JsonPropertyName("isSubtle")] public bool? IsSubtle { get; init; }
    [JsonPropertyName("maxLines")] public int? MaxLines { get; init; }
}

public sealed record RichTextBlock(
    [property: JsonPropertyName("inlines")] IReadOnlyList<TextRun> Inlines) : CardElement;

public sealed record TextRun([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type")] public string Type { get; } = "TextRun";
    [JsonPropertyName("weight")] public TextWeight? Weight { get; init; }
    [JsonPropertyName("italic")] public bool? Italic { get; init; }
    [JsonPropertyName("color")] public TextColor? Color { get; init; }
    [JsonPropertyName("isSubtle")] public bool? IsSubtle { get; init; }
}

public sealed record Container(
    [property: JsonPropertyName("items")] IReadOnlyList<CardElement> Items) : CardElement
{
    [JsonPropertyName("style")] public ContainerStyle? Style { get; init; }
    /// <summary>What tapping anywhere in the container does (Action.Execute, Action.OpenUrl or Action.ToggleVisibility).</summary>
    [JsonPropertyName("selectAction")] public CardAction? SelectAction { get; init; }
}

public sealed record ColumnSet(
    [property: JsonPropertyName("columns")] IReadOnlyList<Column> Columns) : CardElement;

/// <param name="Width">"auto", "stretch", a weight such as "2", or pixels such as "80px".</param>
public sealed record Column(
    [property: JsonPropertyName("items")] IReadOnlyList<CardElement> Items,
    [property: JsonPropertyName("width")] string? Width = null)
{
    [JsonPropertyName("type")] public string Type { get; } = "Column";
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("verticalContentAlignment")] public string? VerticalContentAlignment { get; init; }
}

public sealed record FactSet(
    [property: JsonPropertyName("facts")] IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Fact(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);

public sealed record ActionSet(
    [property: JsonPropertyName("actions")] IReadOnlyList<CardAction> Actions) : CardElement;
