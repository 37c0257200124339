using System.Globalization;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>What the settings card's inputs hold, as typed (untrusted until <see cref="SettingsInput"/> checks it).</summary>
internal sealed record SettingsForm(string? CardDay, string? CardTime, string? TimeZone, string? Sharing, string? Paused)
{
    public static SettingsForm Of(UserProfile profile) => new(
        profile.CardDay.ToString(), profile.CardTime.ToString("HH:mm", CultureInfo.InvariantCulture), profile.TimeZoneId,
        profile.SharingDefault switch { true => SettingsCard.Share, false => SettingsCard.Private, null => null }, profile.Paused ? "true" : "false");
}

/// <summary>Card day and time, time zone, sharing default, pause; and the way to delete everything.</summary>
internal static class SettingsCard
{
    public const string Share = "share";
    public const string Private = "private";

    public static AdaptiveCard Build(SettingsForm form, Notice? notice = null, IReadOnlyDictionary<string, string>? errors = null)
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
        [new("Share them with my manager", Share), new("Keep them private", Private)];
}
