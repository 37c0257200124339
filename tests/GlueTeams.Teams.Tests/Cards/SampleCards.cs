using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Tests.Cards;

/// <summary>Cards that use every element and action the records offer, the way the weekly card will.</summary>
internal static class SampleCards
{
    public static AdaptiveCard Everything() => new()
    {
        Body =
        [
            new TextBlock("Your glue work, week 47") { Size = TextSize.Large, Weight = TextWeight.Bolder },
            new RichTextBlock([new TextRun("6.5 h") { Weight = TextWeight.Bolder }, new TextRun(" of 38 h") { IsSubtle = true, Italic = true }]),
            new FactSet([new Fact("Mentoring", "3 h"), new Fact("Reviews", "3.5 h")]) { Separator = true },
            new Container(
            [
                new ColumnSet(
                [
                    new Column([new TextBlock("1:1 with Sam") { Weight = TextWeight.Bolder }, new TextBlock("Tue 10:00, 30 min") { IsSubtle = true, Spacing = Spacing.None }], "stretch"),
                    new Column([
                        new ChoiceSetInput("category-1", [new Choice("Mentoring & coaching", "mentoring"), new Choice("Not glue", "none")])
                        {
                            Value = "mentoring", Label = "Category",
                        },
                    ], "auto"),
                ]),
                new ToggleInput("multiplier-1", "Multiplier work") { Value = "false" },
                new TextInput("note-1")
                {
                    Label = "Note", IsMultiline = true, MaxLength = 500, Placeholder = "What came of it?", IsVisible = false,
                },
                new TextInput("link-1")
                {
                    Label = "Artifact link", MaxLength = 2048, Regex = "^https://.+", ErrorMessage = "Use an https link.",
                },
                new ActionSet([new ToggleVisibilityAction("Add a note", ["note-1"])]),
            ]) { Id = "row-1", Style = ContainerStyle.Emphasis },
        ],
        Actions =
        [
            new ExecuteAction("Confirm all", "confirmAll")
            {
                Data = new Dictionary<string, string> { ["week"] = "2026-W47" }, Style = ActionStyle.Positive, AssociatedInputs = AssociatedInputs.Auto,
            },
            new ShowCardAction("Settings", new AdaptiveCard { Body = [new TextBlock("Send on Friday at 15:00")], MsTeams = null, Schema = null }),
            new OpenUrlAction("Open my history", new Uri("https://glueteams.example/tab")),
        ],
        Refresh = new CardRefresh(new ExecuteAction("Refresh", "refresh") { Data = new Dictionary<string, string> { ["week"] = "2026-W47" } }, ["29:user-1"]),
    };

    public static AdaptiveCard Minimal() => new() { Body = [new TextBlock("Nothing to confirm this week.")] };
}
