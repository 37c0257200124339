using GlueTeams.Core.Categories;
using GlueTeams.Teams.Cards;

namespace GlueTeams.App.Bot.Cards;

/// <summary>A line shown at the top of a card after an action: what happened, or why nothing did.</summary>
internal sealed record Notice(string Text, bool IsError)
{
    public static Notice Error(string text) => new(text, true);
    public static Notice Info(string text) => new(text, false);
}

/// <summary>The pieces every GlueTeams card is made of.</summary>
internal static class CardParts
{
    public static IReadOnlyList<Choice> CategoryChoices { get; } = [.. GlueCategories.All.Select(c => new Choice(c.Name, c.Id))];

    public static TextBlock Title(string text) => new(text) { Size = TextSize.Large, Weight = TextWeight.Bolder };

    public static TextBlock Heading(string text) => new(text) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium };

    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Spacing = Spacing.None };

    public static IEnumerable<CardElement> NoticeBlock(Notice? notice) => notice is null
        ? []
        : [new TextBlock(notice.Text) { Id = "notice", Color = notice.IsError ? TextColor.Attention : TextColor.Good, Weight = TextWeight.Bolder }];

    /// <summary>The inline error under an input, when validation named that field.</summary>
    public static IEnumerable<CardElement> FieldError(IReadOnlyDictionary<string, string>? errors, string field) =>
        errors is not null && errors.TryGetValue(field, out var message)
            ? [new TextBlock(message) { Color = TextColor.Attention, Spacing = Spacing.None, Size = TextSize.Small }]
            : [];

    public static ExecuteAction Execute(string title, string verb, params (string Key, string Value)[] data) =>
        new(title, verb) { Data = data.Length == 0 ? null : data.ToDictionary(d => d.Key, d => d.Value) };

    public static string Percent(double share) => share.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A confidence or share as people write it: "60%".</summary>
    public static string Sure(double confidence) =>
        Math.Round(confidence * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string Hours(int minutes) =>
        (minutes / 60.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " h";
}
