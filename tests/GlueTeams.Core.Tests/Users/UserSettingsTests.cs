using GlueTeams.Core.Users;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Users;

[TestClass]
public sealed class UserSettingsTests
{
    private static readonly UserProfile Profile = new() { TenantId = "t", UserId = "u", SharingDefault = true };

    [TestMethod]
    public void Valid_settings_apply_to_the_profile()
    {
        var result = UserSettings.Validate(new SettingsInput("monday", " 8:30 ", "Europe/Paris", "private", "true"), Profile);

        Assert.IsTrue(result.IsValid, result.Message);
        var updated = result.Value.ApplyTo(Profile);
        Assert.AreEqual(DayOfWeek.Monday, updated.CardDay);
        Assert.AreEqual(new TimeOnly(8, 30), updated.CardTime);
        Assert.AreEqual("Europe/Paris", updated.TimeZoneId);
        Assert.IsFalse(updated.SharingDefault);
        Assert.IsTrue(updated.Paused);
    }

    [TestMethod]
    public void No_sharing_answer_keeps_the_current_one() =>
        Assert.IsTrue(UserSettings.Validate(new SettingsInput("Friday", "15:00", "UTC", "", "false"), Profile).Value!.SharingDefault);

    [TestMethod]
    public void Every_bad_field_is_named_and_nothing_is_valid()
    {
        var result = UserSettings.Validate(new SettingsInput("7", "25:00", "Mars/Olympus", "everyone", "maybe"), Profile);

        Assert.IsFalse(result.IsValid);
        CollectionAssert.AreEquivalent(new[] { "cardDay", "cardTime", "timeZone", "sharing", "paused" }, result.Errors.Select(e => e.Field).ToArray());
    }

    [TestMethod]
    public void An_oversized_time_zone_is_refused() =>
        Assert.IsFalse(UserSettings.Validate(new SettingsInput("Friday", "15:00", new string('A', 65), null, null), Profile).IsValid);

    [TestMethod]
    public void The_settings_of_a_profile_read_back_as_the_same_settings()
    {
        var profile = Profile with { CardDay = DayOfWeek.Tuesday, CardTime = new TimeOnly(9, 5), TimeZoneId = "America/New_York", Paused = true };
        Assert.AreEqual(profile, UserSettings.Validate(SettingsInput.Of(profile), profile).Value!.ApplyTo(profile));
    }

    [TestMethod]
    public void A_zone_known_by_any_id_resolves_and_an_unknown_one_is_utc()
    {
        Assert.AreEqual(TimeZones.Find("Europe/Paris"), (Profile with { TimeZoneId = "Europe/Paris" }).TimeZone);
        Assert.AreEqual(TimeZoneInfo.Utc, (Profile with { TimeZoneId = "Mars/Olympus" }).TimeZone);
        Assert.IsNotNull(TimeZones.Find("W. Europe Standard Time"));
        Assert.IsNull(TimeZones.Known(""));
    }
}
