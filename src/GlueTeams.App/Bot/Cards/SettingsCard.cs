using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using GlueTeams.Core.Users;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>Card day and time, time zone, sharing default, pause; and the way to delete everything.</summary>
internal static class SettingsCard
{
    public static AdaptiveCard Build(SettingsInput form, Notice? notice = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        var body = new List<CardElement> { Title("Glueprint settings") };
        body.AddRange(NoticeBlock(notice));
        body.Add(new ChoiceSetInput("cardDay", [.. Enum.GetValues<DayOfWeek>().Select(d => new Choice(d.ToString(), d.ToString()))]) { Label = "Weekly card day", Value = form.CardDay });
        body.AddRange(FieldError(errors, "cardDay"));
        body.Add(new TextInput("cardTime") { Label = "Weekly card time (HH:mm, your time zone)", Value = form.CardTime, MaxLength = 5 });
        body.AddRange(FieldError(errors, "cardTime"));
        body.Add(new TextInput("timeZone") { Label = "Time zone (e.g. Europe/Paris)", Value = form.TimeZone, MaxLength = 64 });
        body.AddRange(FieldError(errors, "timeZone"));
        body.Add(new ChoiceSetInput("sharing", SharingChoices) { Label = "Confirmed records", Value = form.Sharing, Placeholder = "Not answered: nothing is shared" });
        body.AddRange(FieldError(errors, "sharing"));
        body.Add(new ToggleInput("paused", "Pause the weekly card") { Value = form.Paused ?? "false" });
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                Execute("Save", Verbs.SaveSettings) with { Style = ActionStyle.Positive },
                Execute("Back to this week", Verbs.Page),
                Execute("Delete my data", Verbs.DeleteData) with { Style = ActionStyle.Destructive },
            ],
        };
    }

    public static IReadOnlyList<Choice> SharingChoices { get; } =
        [new("Share them with my manager", UserSettings.Share), new("Keep them private", UserSettings.Private)];
}
