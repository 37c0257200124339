using GlueTeams.App.Extensions;

namespace GlueTeams.App.Tests.Hosting;

[TestClass]
public sealed class WaitSettingsTests
{
    private static (bool Starts, string Errors, WaitOptions? Options) Check(Dictionary<string, string?> settings) =>
        SettingsCheck.Run<WaitOptions>(WaitOptions.Section, o => o.Problems(), settings);

    [TestMethod]
    public void The_waits_bind_from_the_Waits_section_with_their_defaults()
    {
        var (starts, _, options) = Check(new() { ["Waits:ApiRequest"] = "00:00:01", ["Waits:Directory"] = "00:00:00.250" });

        Assert.IsTrue(starts);
        Assert.AreEqual(TimeSpan.FromSeconds(1), options!.ApiRequest);
        Assert.AreEqual(TimeSpan.FromMilliseconds(250), options.Directory);
        Assert.AreEqual(TimeSpan.FromSeconds(5), options.Calendar, "the default: Teams delivers again after about 15 s");
    }

    [TestMethod]
    [DataRow("Waits:ApiRequest", "00:00:00", "must be longer than zero")]
    [DataRow("Waits:Directory", "-00:00:01", "must be longer than zero")]
    [DataRow("Waits:Directory", "00:00:05", "shorter than Waits:ApiRequest")]
    [DataRow("Waits:Calendar", "00:00:00", "must be longer than zero")]
    [DataRow("Waits:Calendar", "00:00:20", "after which Teams delivers the activity again")]
    public void A_wait_that_is_not_positive_or_outlasts_its_answer_stops_the_app_in_a_line_naming_it(string key, string value, string why)
    {
        var (starts, errors, _) = Check(new() { [key] = value });

        Assert.IsFalse(starts, "the app does not start");
        StringAssert.Contains(errors, key);
        StringAssert.Contains(errors, why);
    }
}
