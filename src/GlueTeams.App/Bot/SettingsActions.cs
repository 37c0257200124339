using System.Globalization;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Store;
using GlueTeams.App.Users;
using GlueTeams.Core.Summaries;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>The user's own choices and data: settings, the sharing answer, the summary, and deleting everything.</summary>
internal sealed class SettingsActions(UserRegistration registration, ActivityStore activities, WeekCards weeks, UserErasure eraser, StoreLinks links)
{
    public static AdaptiveCard Settings(UserProfile profile, Notice? notice = null) => SettingsCard.Build(SettingsInput.Of(profile), notice);

    /// <summary>Validates every field; any error returns the card with the typed values and inline errors, nothing saved.</summary>
    public async Task<AdaptiveCard> SaveSettingsAsync(UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var form = new SettingsInput(action.DataString("cardDay"), action.DataString("cardTime"), action.DataString("timeZone"), action.DataString("sharing"), action.DataString("paused"));
        var checkedSettings = UserSettings.Validate(form, profile);
        if (!checkedSettings.IsValid)
        {
            var errors = checkedSettings.Errors.ToDictionary(e => e.Field, e => e.Message, StringComparer.Ordinal);
            var shown = form with { TimeZone = form.TimeZone is { Length: > 64 } ? form.TimeZone[..64] : form.TimeZone, CardTime = form.CardTime is { Length: > 5 } ? form.CardTime[..5] : form.CardTime };
            return SettingsCard.Build(shown with { CardDay = errors.ContainsKey("cardDay") ? null : form.CardDay, Sharing = errors.ContainsKey("sharing") ? null : form.Sharing },
                Notice.Error("Nothing was saved: please correct the fields below."), errors);
        }
        var updated = checkedSettings.Value.ApplyTo(profile);
        var sharing = updated.SharingDefault;
        if (sharing is { } choice && choice != profile.SharingDefault && await AskSharingAsync(profile, choice, cancellationToken) is { } question)
        {
            // The rest is saved now; the sharing change waits for the answer to the question, which names the count.
            await registration.SaveSettingsAsync(profile, updated with { SharingDefault = profile.SharingDefault }, cancellationToken);
            return question;
        }
        await registration.SaveSettingsAsync(profile, updated, cancellationToken);
        var next = TimeZoneInfo.ConvertTime(registration.NextCard(updated), updated.TimeZone);
        return Settings(updated, Notice.Info(updated.Paused
            ? "Saved. The weekly card is paused."
            : string.Create(CultureInfo.InvariantCulture, $"Saved. Next weekly card: {next:ddd d MMM HH:mm} ({updated.TimeZoneId}).")));
    }

    /// <summary>The welcome card's sharing question.</summary>
    public async Task<AdaptiveCard> ShareAsync(UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        bool? choice = UserSettings.ParseSharing(action.DataString(Verbs.Choice));
        if (choice is null)
        {
            return InfoCards.Welcome(profile, links, Notice.Error("Choose to share with your manager or to keep private."));
        }
        if (await AskSharingAsync(profile, choice.Value, cancellationToken) is { } question)
        {
            return question;
        }
        var updated = profile with { SharingDefault = choice };
        await registration.SaveSettingsAsync(profile, updated, cancellationToken);
        return InfoCards.Welcome(updated, links, Notice.Info(choice.Value ? "Saved: your confirmed records will be shared with your manager." : "Saved: your records stay private."));
    }

    /// <summary>
    /// The answer to <see cref="InfoCards.ConfirmSharing"/>: the default changes, then every confirmed record follows it
    /// (the default first, so that a record confirmed meanwhile gets the new choice too).
    /// </summary>
    public async Task<AdaptiveCard> ApplySharingAsync(UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        bool? choice = UserSettings.ParseSharing(action.DataString(Verbs.Choice));
        if (choice is not { } share)
        {
            return Settings(profile, Notice.Error("Choose to share with your manager or to keep private; nothing was changed."));
        }
        var updated = profile with { SharingDefault = share };
        await registration.SaveSettingsAsync(profile, updated, cancellationToken);
        var all = await activities.ListAllAsync(profile.TenantId, profile.UserId, cancellationToken);
        await activities.SetSharedAsync(all, share, cancellationToken);
        var confirmed = all.Count(r => r.Record is { Status: Core.Records.ActivityStatus.Confirmed, Confirmation: not null });
        var records = string.Create(CultureInfo.InvariantCulture, $"{confirmed} confirmed record{(confirmed == 1 ? "" : "s")}");
        return Settings(updated, Notice.Info(share
            ? $"Saved: your {records} are shared with {ManagerName(profile)}, and so will be what you confirm from now on."
            : $"Saved: your {records} are private. Your manager sees your name and \"not sharing\"."));
    }

    /// <summary>The question to ask before a change of the default, or null when no confirmed record would change.</summary>
    private async Task<AdaptiveCard?> AskSharingAsync(UserProfile profile, bool share, CancellationToken cancellationToken)
    {
        var all = await activities.ListAllAsync(profile.TenantId, profile.UserId, cancellationToken);
        var confirmed = all.Count(r => r.Record is { Status: Core.Records.ActivityStatus.Confirmed, Confirmation: not null });
        var changing = all.Count(r => r.Record is { Status: Core.Records.ActivityStatus.Confirmed, Confirmation: { } c } && c.SharedWithManager != share);
        return changing == 0 ? null : InfoCards.ConfirmSharing(confirmed, share, ManagerName(profile));
    }

    private static string ManagerName(UserProfile profile) => profile.ManagerUserPrincipalName is { Length: > 0 } manager ? manager : "your manager";

    /// <summary>This week and the four before it.</summary>
    public async Task<AdaptiveCard> SummaryAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        var to = weeks.CurrentWeek(profile);
        var from = to.AddWeeks(-4);
        var records = await activities.ListAsync(profile.TenantId, profile.UserId, from, to, cancellationToken);
        return InfoCards.Summary(PeriodSummary.Of(from, to, records.Select(r => r.Record)));
    }

    public async Task<AdaptiveCard> DeleteAsync(BotTurn turn, CancellationToken cancellationToken) =>
        InfoCards.Deleted(await eraser.EraseAsync(turn.TenantId, turn.UserId, cancellationToken));
}
