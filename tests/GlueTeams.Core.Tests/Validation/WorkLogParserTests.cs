using GlueTeams.Core.Validation;

namespace GlueTeams.Core.Tests.Validation;

[TestClass]
public sealed class WorkLogParserTests
{
    [TestMethod]
    [DataRow("log 2h onboarding guide https://wiki.contoso.com/onboarding", 120, "onboarding guide", "https://wiki.contoso.com/onboarding")]
    [DataRow("log 90m answered questions in #platform-help", 90, "answered questions in #platform-help", null)]
    [DataRow("log 1.5h async design review of the quota RFC", 90, "async design review of the quota RFC", null)]
    [DataRow("log 1h30 incident write-up", 90, "incident write-up", null)]
    [DataRow("log 2 hours Incident write-up for SEV2", 120, "Incident write-up for SEV2", null)]
    [DataRow("LOG 45 min pairing notes", 45, "pairing notes", null)]
    [DataRow("log 2h https://wiki.contoso.com/eng/onboarding-guide", 120, "onboarding guide", "https://wiki.contoso.com/eng/onboarding-guide")]
    [DataRow("log 30m https://contoso.sharepoint.com/", 30, "contoso.sharepoint.com", "https://contoso.sharepoint.com/")]
    public void A_log_message_is_read_into_its_duration_text_and_link(string message, int minutes, string text, string? link)
    {
        var parsed = WorkLogParser.ParseCommand(message);

        Assert.IsTrue(parsed.IsValid, parsed.Message);
        Assert.AreEqual(minutes, parsed.Value.Minutes);
        Assert.AreEqual(text, parsed.Value.Text);
        Assert.AreEqual(link, parsed.Value.Link?.AbsoluteUri);
    }

    [TestMethod]
    [DataRow("log onboarding guide", "duration", "How long did it take?")]
    [DataRow("log", "duration", "How long did it take?")]
    [DataRow("log 3 days onboarding guide", "duration", "log each day's work on its own")]
    [DataRow("log 3d onboarding guide", "duration", "log each day's work on its own")]
    [DataRow("log 13h onboarding guide", "duration", "more than 12 h")]
    [DataRow("log 0m onboarding guide", "duration", "at least a minute")]
    [DataRow("log 2h", "text", "Say what the work was")]
    [DataRow("log 2h guide http://wiki.contoso.com/x", "link", "The link must be a full https:// address.")]
    [DataRow("log 2h guide javascript://alert(1)", "link", "The link must be a full https:// address.")]
    [DataRow("log 2h on\u202Eboarding guide", "text", "invisible character (U+202E)")]
    public void What_cannot_be_read_gets_a_clear_message_naming_the_field(string message, string field, string says)
    {
        var parsed = WorkLogParser.ParseCommand(message);

        Assert.IsFalse(parsed.IsValid);
        var error = parsed.Errors.Single(e => e.Field == field);
        StringAssert.Contains(error.Message, says);
    }

    [TestMethod]
    public void A_10_KB_message_is_refused_before_it_is_read()
    {
        var parsed = WorkLogParser.ParseCommand("log 2h " + new string('x', 10 * 1024));

        Assert.IsFalse(parsed.IsValid);
        StringAssert.Contains(parsed.Message, "a log entry can be at most 4,096");
        StringAssert.Contains(parsed.Message, "Nothing was logged");
    }

    [TestMethod]
    public void A_description_over_200_characters_is_refused_with_its_length()
    {
        var parsed = WorkLogParser.ParseCommand("log 2h " + new string('x', 250));

        StringAssert.Contains(parsed.Message, "The description is 250 characters long; the limit is 200.");
    }

    [TestMethod]
    public void The_form_fields_are_checked_the_same_way()
    {
        Assert.AreEqual(90, WorkLogParser.Validate("1.5h", "Wrote the runbook", null).Value!.Minutes);
        Assert.IsFalse(WorkLogParser.Validate("", "Wrote the runbook", null).IsValid);
        Assert.IsFalse(WorkLogParser.Validate("2h", "", null).IsValid);
        Assert.IsFalse(WorkLogParser.Validate("2h", new string('x', 5000), null).IsValid);
    }
}
