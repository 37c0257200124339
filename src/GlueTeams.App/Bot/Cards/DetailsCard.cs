using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>The details step of one row: category, impact, artifact link and title, outcome note, delegated.</summary>
internal static class DetailsCard
{
    /// <param name="typed">What the user typed, shown again with <paramref name="errors"/> when validation refused it.</param>
    public static AdaptiveCard Build(WeekRow row, string week, string page, TagInput? typed = null, IReadOnlyList<FieldError>? errors = null)
    {
        var confirmation = row.Record.Confirmation;
        var input = typed ?? new TagInput(row.CategoryId, row.Impact == Impact.Multiplier ? "multiplier" : "one-off",
            confirmation?.ArtifactLink?.AbsoluteUri, confirmation?.ArtifactTitle, confirmation?.OutcomeNote, confirmation?.Delegated ?? false);
        var byField = errors?.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
        var data = new[] { (Verbs.RecordId, row.Id), (Verbs.ETag, row.CardETags), (Verbs.Week, week), (Verbs.PageNumber, page) };

        var body = new List<CardElement> { Title("Details: " + row.Record.Title) };
        body.AddRange(NoticeBlock(errors is { Count: > 0 } ? Notice.Error("Nothing was saved: please correct the fields below.") : null));
        if (row.Record.Suggestion is { } suggestion)
        {
            var impact = suggestion.Impact == Impact.Multiplier ? $" Multiplier: {suggestion.ImpactReason}." : "";
            body.Add(Subtle($"Suggested {Core.Categories.GlueCategories.Get(suggestion.CategoryId).ShortName} ({Sure(suggestion.Confidence)} sure): {suggestion.Reason}.{impact}"));
        }
        body.Add(new ChoiceSetInput("category", CategoryChoices) { Value = input.CategoryId, Label = "Category" });
        body.AddRange(FieldError(byField, "category"));
        body.Add(new ToggleInput("impact", "Multiplier (builds something reusable)") { ValueOn = "multiplier", ValueOff = "one-off", Value = input.Impact ?? "one-off" });
        body.AddRange(FieldError(byField, "impact"));
        body.Add(new TextInput("artifactLink") { Label = "Artifact link", Placeholder = "https://…", Value = input.ArtifactLink, MaxLength = TagValidator.MaxLinkLength });
        body.AddRange(FieldError(byField, "artifactLink"));
        body.Add(new TextInput("artifactTitle") { Label = "Artifact title", Placeholder = "Onboarding guide", Value = input.ArtifactTitle, MaxLength = TagValidator.MaxTitleLength });
        body.AddRange(FieldError(byField, "artifactTitle"));
        body.Add(new TextInput("note") { Label = "Outcome", Placeholder = "What it changed, in leadership's words", Value = input.OutcomeNote, IsMultiline = true, MaxLength = TagValidator.MaxNoteLength });
        body.AddRange(FieldError(byField, "note"));
        body.Add(new ToggleInput("delegated", "This was someone else's work handed to me") { Value = input.Delegated ? "true" : "false" });
        var actions = new List<CardAction>
        {
            Execute("Save", Verbs.SaveDetails, data) with { Style = ActionStyle.Positive },
            Execute("Back to the week", Verbs.Page, (Verbs.Week, week), (Verbs.PageNumber, page)),
        };
        if (row.IsConfirmed && !row.Record.IsLogged)
        {
            actions.Add(Execute("Back to the suggestion", Verbs.Undo, data));
        }
        return new AdaptiveCard { Body = body, Actions = actions };
    }
}
