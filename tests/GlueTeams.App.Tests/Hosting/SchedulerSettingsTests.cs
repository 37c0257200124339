using GlueTeams.App.Bot;

namespace GlueTeams.App.Tests.Hosting;

[TestClass]
public sealed class SchedulerSettingsTests
{
    private static (bool Starts, string Errors, WeeklyCardSchedulerOptions? Options) Check(Dictionary<string, string?> settings) =>
        SettingsCheck.Run<WeeklyCardSchedulerOptions>(WeeklyCardSchedulerOptions.Section, o => o.Problems(), settings);

    [TestMethod]
    public void The_card_poll_and_lease_bind_from_the_Bot_section_with_their_defaults()
    {
        var (starts, _, options) = Check(new() { ["Bot:CardPollInterval"] = "00:00:02" });

        Assert.IsTrue(starts);
        Assert.AreEqual(TimeSpan.FromSeconds(2), options!.CardPollInterval);
        Assert.AreEqual(GlueTeams.Storage.Schedule.CardScheduleStore.DefaultLease, options.CardLease);
    }

    [TestMethod]
    [DataRow("Bot:CardPollInterval", "00:00:00")]
    [DataRow("Bot:CardLease", "-00:01:00")]
    public void A_zero_or_negative_poll_or_lease_stops_the_app_in_a_line_naming_it(string key, string value)
    {
        var (starts, errors, _) = Check(new() { [key] = value });

        Assert.IsFalse(starts, "the app does not start");
        StringAssert.Contains(errors, key);
        StringAssert.Contains(errors, "must be longer than zero");
    }
}
