using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>What the "Log as glue work" form holds: typed (or prefilled from the message), untrusted.</summary>
internal sealed record LogForm(string? Text, string? Duration, string? Link, string? Category, string? Impact, string LogId);

/// <summary>The "Log as glue work" dialog of the message action: prefilled from the message, saved only by its Save.</summary>
internal static class LogFormCard
{
    public static AdaptiveCard Build(LogForm form, Suggestion? suggestion, IReadOnlyList<FieldError>? errors = null)
    {
        var byField = errors?.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
        var body = new List<CardElement> { Title("Log as glue work") };
        body.AddRange(NoticeBlock(errors is { Count: > 0 } ? Notice.Error("Nothing was logged: please correct the fields below.") : null));
        body.Add(new TextInput("text") { Label = "What was it", Value = form.Text, MaxLength = WorkLogParser.MaxTextLength, IsMultiline = true, IsRequired = true, ErrorMessage = "Say what the work was." });
        body.AddRange(FieldError(byField, "text"));
        body.Add(new TextInput("duration") { Label = "Time spent", Value = form.Duration, Placeholder = "30m, 1.5h, 1h30", IsRequired = true, ErrorMessage = "Say how long it took." });
        body.AddRange(FieldError(byField, "duration"));
        body.Add(new TextInput("link") { Label = "Link (the message, or the artifact)", Value = form.Link, Placeholder = "https://…", MaxLength = TagValidator.MaxLinkLength });
        body.AddRange(FieldError(byField, "link"));
        body.Add(new ChoiceSetInput("category", CategoryChoices) { Label = "Category", Value = form.Category ?? suggestion?.CategoryId, Placeholder = "Choose a category" });
        body.AddRange(FieldError(byField, "category"));
        if (suggestion is not null)
        {
            body.Add(Subtle($"Suggested: {suggestion.Reason}."));
        }
        body.Add(new ToggleInput("impact", "Multiplier (builds something reusable)")
        {
            ValueOn = "multiplier",
            ValueOff = "one-off",
            Value = form.Impact ?? (suggestion?.Impact == Impact.Multiplier ? "multiplier" : "one-off"),
        });
        body.AddRange(FieldError(byField, "impact"));
        if (suggestion is { Impact: Impact.Multiplier, ImpactReason: { } why })
        {
            body.Add(Subtle("Multiplier: " + why + "."));
        }
        body.Add(Subtle("Only you see it, and your manager only if you share your confirmed work. Nothing is saved until you press Save."));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction("Save") { Style = ActionStyle.Positive, Data = new Dictionary<string, string> { [Verbs.LogId] = form.LogId } }],
            MsTeams = null,
        };
    }
}
