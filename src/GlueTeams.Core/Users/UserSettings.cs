using System.Globalization;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Users;

/// <summary>A user's settings as typed (untrusted until <see cref="UserSettings.Validate"/> checks them).</summary>
public sealed record SettingsInput(string? CardDay, string? CardTime, string? TimeZone, string? Sharing, string? Paused)
{
    /// <summary>The settings of <paramref name="profile"/>, spelled the way they are typed.</summary>
    public static SettingsInput Of(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.CardDay.ToString(), profile.CardTime.ToString("HH:mm", CultureInfo.InvariantCulture), profile.TimeZoneId,
            UserSettings.SharingName(profile.SharingDefault), profile.Paused ? "true" : "false");
    }
}

/// <summary>
/// What a user chooses for themselves: when the weekly card comes (day and time in their zone), the zone, whether
/// confirmed records are shared with the manager (null: not answered, nothing is shared), and a pause.
/// </summary>
public sealed record UserSettings(DayOfWeek CardDay, TimeOnly CardTime, string TimeZoneId, bool? SharingDefault, bool Paused)
{
    public const string Share = "share";
    public const string Private = "private";

    public static string? SharingName(bool? share) => share switch { true => Share, false => Private, null => null };

    /// <summary>"share" is true, "private" false, anything else null.</summary>
    public static bool? ParseSharing(string? name) => name switch { Share => true, Private => false, _ => null };

    public UserProfile ApplyTo(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile with { CardDay = CardDay, CardTime = CardTime, TimeZoneId = TimeZoneId, SharingDefault = SharingDefault, Paused = Paused };
    }

    /// <summary>
    /// Checks every field of <paramref name="input"/>; an empty sharing answer keeps <paramref name="current"/>'s.
    /// Each error names its field (cardDay, cardTime, timeZone, sharing, paused) with a message for the user.
    /// </summary>
    public static Validated<UserSettings> Validate(SettingsInput input, UserProfile current)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(current);
        var errors = new List<FieldError>();
        if (!Enum.TryParse<DayOfWeek>(input.CardDay, ignoreCase: true, out var day) || !Enum.IsDefined(day) || int.TryParse(input.CardDay, out _))
        {
            errors.Add(new("cardDay", "Choose a day of the week."));
        }
        if (!TimeOnly.TryParseExact(input.CardTime?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new("cardTime", "Enter a time such as 15:00."));
        }
        var zone = TimeZones.Known(input.TimeZone?.Trim());
        if (zone is null)
        {
            errors.Add(new("timeZone", "Use a time zone name such as Europe/Paris."));
        }
        if (input.Sharing is { Length: > 0 } && ParseSharing(input.Sharing) is null)
        {
            errors.Add(new("sharing", "Choose to share with your manager or to keep private."));
        }
        if (input.Paused is not (null or "true" or "false"))
        {
            errors.Add(new("paused", "Paused is on or off."));
        }
        return errors.Count > 0
            ? Validated<UserSettings>.Fail(errors)
            : Validated<UserSettings>.Ok(new(day, at, zone!, input.Sharing is { Length: > 0 } ? ParseSharing(input.Sharing) : current.SharingDefault, input.Paused == "true"));
    }
}
