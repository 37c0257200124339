using GlueTeams.Core.Suggestions;
using static GlueTeams.Core.Tests.Suggestions.Events;

namespace GlueTeams.Core.Tests.Suggestions;

[TestClass]
public sealed class SuggestionEngineTests
{
    [TestMethod]
    public void Suggest_GlueOutlookCategory_IsCertainAndWinsOverHistory()
    {
        var history = new ConfirmationHistory([new PastConfirmation("series-1", "Weekly sync", "coordination")]);
        var tagged = Group("Weekly sync").Recurring("series-1") with { Categories = ["Red category", "Glue: Mentoring"] };

        var suggestion = SuggestionEngine.Suggest(tagged, Context(history));

        Assert.AreEqual(new("mentoring", 1.0, "Tagged “Glue: Mentoring” in Outlook"), suggestion);
    }

    [TestMethod]
    public void Suggest_PrivateItemWithHiddenTitle_IsNotGlueWithLowConfidence()
    {
        var suggestion = SuggestionEngine.Suggest(Meeting("Private appointment") with { Sensitivity = Sensitivity.Private }, Context());

        Assert.AreEqual("not-glue", suggestion.CategoryId);
        Assert.IsLessThanOrEqualTo(0.3, suggestion.Confidence);
        StringAssert.StartsWith(suggestion.Reason, "Private item");
    }

    [TestMethod]
    public void Suggest_PrivateItemWithGlueCategory_FollowsTheCategory()
    {
        var item = Meeting("") with { Sensitivity = Sensitivity.Private, Categories = ["Glue: Hiring"] };

        Assert.AreEqual("hiring", SuggestionEngine.Suggest(item, Context()).CategoryId);
    }

    [TestMethod]
    public void Suggest_SeriesConfirmedBefore_ReusesTheCategoryAndSaysHowOften()
    {
        var history = new ConfirmationHistory(Enumerable.Repeat(new PastConfirmation("series-sam", "Sam / me", "mentoring"), 3));
        var next = Meeting("Sam / me (moved)", "sam@contoso.com").Recurring("series-sam");

        var suggestion = SuggestionEngine.Suggest(next, Context(history));

        Assert.AreEqual("mentoring", suggestion.CategoryId);
        Assert.AreEqual("Recurring 1:1 you organise; you confirmed it as Mentoring 3 times", suggestion.Reason);
        Assert.IsGreaterThan(0.95, suggestion.Confidence);
    }

    [TestMethod]
    public void Suggest_SeriesConfirmedDifferently_TakesTheMajorityWithLessConfidence()
    {
        var history = new ConfirmationHistory([
            new PastConfirmation("s", "Platform sync", "coordination"),
            new PastConfirmation("s", "Platform sync", "coordination"),
            new PastConfirmation("s", "Platform sync", "not-glue"),
        ]);

        var suggestion = SuggestionEngine.Suggest(Group("Platform sync").Recurring("s"), Context(history));

        Assert.AreEqual("coordination", suggestion.CategoryId);
        Assert.IsLessThan(0.7, suggestion.Confidence);
        StringAssert.EndsWith(suggestion.Reason, "as Cross-team coordination twice out of 3");
    }

    [TestMethod]
    public void Suggest_VerySimilarTitleConfirmedBefore_ReusesTheCategory()
    {
        var history = new ConfirmationHistory([new PastConfirmation(null, "Payments weekly catch-up (Sprint 48)", "coordination")]);

        var suggestion = SuggestionEngine.Suggest(Group("Payments weekly catch up – sprint 49"), Context(history));

        Assert.AreEqual("coordination", suggestion.CategoryId);
        StringAssert.Contains(suggestion.Reason, "you confirmed a meeting with this title as Cross-team coordination once");
    }

    [TestMethod]
    public void Suggest_OneOnOneWithOwnManager_IsNotGlue()
    {
        var suggestion = SuggestionEngine.Suggest(Meeting("Me / Boss 1:1", Manager).Recurring("m"), Context());

        Assert.AreEqual(new("not-glue", 0.9, "Recurring 1:1 you organise with your manager, which is not glue work"), suggestion);
    }

    [TestMethod]
    public void Suggest_CareerTalkWithOwnManager_IsNotGlue() =>
        Assert.AreEqual("not-glue", SuggestionEngine.Suggest(Meeting("1:1 – career growth", Manager), Context()).CategoryId);

    [TestMethod]
    public void Suggest_TitleThatCallsItselfAOneOnOne_NeedsAStrongWordToBeAnythingButMentoring()
    {
        Assert.AreEqual("mentoring", SuggestionEngine.Suggest(Meeting("Sam / me 1:1 sync", "sam@contoso.com"), Context()).CategoryId);
        Assert.AreEqual("coordination", SuggestionEngine.Suggest(Meeting("Sam / me sync", "sam@contoso.com"), Context()).CategoryId);
    }

    [TestMethod]
    public void Suggest_OneOnOneWithSomeoneElse_IsAMentoringCandidate()
    {
        var suggestion = SuggestionEngine.Suggest(Meeting("Me <> Sam", "sam@contoso.com"), Context());

        Assert.AreEqual("mentoring", suggestion.CategoryId);
        Assert.AreEqual("1:1 you organise; a 1:1 with someone other than your manager is usually mentoring", suggestion.Reason);
    }

    [TestMethod]
    public void Suggest_OneOnOneWhenManagerUnknown_IsMentoringWithLessConfidence()
    {
        var unknownManager = new SuggestionContext(Me, null, ConfirmationHistory.Empty, TenantModel.Empty);

        var suggestion = SuggestionEngine.Suggest(Meeting("1-1", "sam@contoso.com"), unknownManager);

        Assert.AreEqual("mentoring", suggestion.CategoryId);
        Assert.IsLessThan(SuggestionEngine.Suggest(Meeting("1-1", "sam@contoso.com"), Context()).Confidence, suggestion.Confidence);
        StringAssert.Contains(suggestion.Reason, "manager is not known");
    }

    [TestMethod]
    public void Suggest_OneOnOneWhoseTitleNamesAnotherActivity_FollowsTheTitle()
    {
        Assert.AreEqual("hiring", SuggestionEngine.Suggest(Meeting("Interview: backend engineer", "candidate@gmail.com"), Context()).CategoryId);
        Assert.AreEqual("code-review", SuggestionEngine.Suggest(Meeting("Pairing w/ Sam", "sam@contoso.com"), Context()).CategoryId);
    }

    [TestMethod]
    [DataRow("Postmortem: checkout outage", "incident")]
    [DataRow("Postmorten - checkout outage", "incident")]
    [DataRow("RCA readout / payments", "incident")]
    [DataRow("COE review: SEV-2 on 11/3", "incident")]
    [DataRow("Interveiw | Backend Sr.", "hiring")]
    [DataRow("Phone screen: J. Doe", "hiring")]
    [DataRow("ADR-12: queue choice", "design-review")]
    [DataRow("RFC – new auth flow", "design-review")]
    [DataRow("Desgin review: search", "design-review")]
    [DataRow("PR review hour", "code-review")]
    [DataRow("Mob programming 👩‍💻", "code-review")]
    [DataRow("🍕 Lunch & Learn: Rust", "knowledge-sharing")]
    [DataRow("Brown-bag: tracing", "knowledge-sharing")]
    [DataRow("Retrosepctive", "process")]
    [DataRow("Team working agreements", "process")]
    [DataRow("Onbaording w/ new hire", "onboarding")]
    [DataRow("Ramp-up plan", "onboarding")]
    [DataRow("ERG monthly", "community")]
    [DataRow("D&I council", "community")]
    [DataRow("Search <> Ads roadmap alignment", "coordination")]
    [DataRow("Cross-team dependency review", "coordination")]
    [DataRow("Office hours", "mentoring")]
    [DataRow("Sprint planning", "not-glue")]
    [DataRow("Daily stand-up", "not-glue")]
    [DataRow("Backlog grooming", "not-glue")]
    public void Suggest_TitleSignal_PointsToItsCategory(string subject, string expected)
    {
        var suggestion = SuggestionEngine.Suggest(Group(subject), Context());

        Assert.AreEqual(expected, suggestion.CategoryId, suggestion.Reason);
        Assert.IsGreaterThanOrEqualTo(0.5, suggestion.Confidence);
    }

    [TestMethod]
    public void Suggest_TitleSignal_ReasonNamesTheKeywordAndTheCategory()
    {
        var suggestion = SuggestionEngine.Suggest(Group("Postmortem: checkout outage", 11), Context());

        Assert.AreEqual("Meeting with 11 others you organise; “postmortem” in the title suggests Incident follow-up", suggestion.Reason);
    }

    [TestMethod]
    public void Suggest_OrdinaryWordOneTypoFromAKeyword_IsNotReadAsThatKeyword()
    {
        Assert.AreNotEqual("process", SuggestionEngine.Suggest(Group("Progress update"), Context()).CategoryId);
        Assert.AreNotEqual("mentoring", SuggestionEngine.Suggest(Group("Caching strategies"), Context()).CategoryId);
    }

    [TestMethod]
    public void Suggest_TicketKeyInTitle_IsNotReadAsAKeyword()
    {
        Assert.AreEqual("not-glue", SuggestionEngine.Suggest(Group("Fix crash MOB-1123"), Context()).CategoryId);
    }

    [TestMethod]
    public void Suggest_BlockWithJustYou_IsNotGlueUnlessTheTitleClearlySaysSo()
    {
        Assert.AreEqual(new("not-glue", 0.85, "Block with just you: a focus or personal block"),
            SuggestionEngine.Suggest(Meeting("Payments API"), Context()));
        Assert.AreEqual("knowledge-sharing", SuggestionEngine.Suggest(Meeting("Write runbook for failover"), Context()).CategoryId);
        Assert.AreEqual("not-glue", SuggestionEngine.Suggest(Meeting("Implement retry policy"), Context()).CategoryId);
    }

    [TestMethod]
    public void Suggest_LargeMeetingSomeoneElseOrganises_IsNotGlue()
    {
        var broadcast = Group("Q4 kickoff", 120) with { IsOrganizer = false, OrganizerEmail = "ceo@contoso.com" };

        var suggestion = SuggestionEngine.Suggest(broadcast, Context());

        Assert.AreEqual("not-glue", suggestion.CategoryId);
        Assert.IsGreaterThanOrEqualTo(0.8, suggestion.Confidence);
    }

    [TestMethod]
    public void Suggest_GroupMeetingWithoutSignal_IsNotGlueWithLowConfidence()
    {
        var suggestion = SuggestionEngine.Suggest(Group("Catch-up"), Context());

        Assert.AreEqual(new("not-glue", 0.45, "Meeting with 5 others you organise; no glue-work signal in the title"), suggestion);
    }

    [TestMethod]
    public void Suggest_RulesUnsure_UsesTheTenantModel()
    {
        var model = TenantModel.Train([
            .. Enumerable.Repeat(("Chili cook-off committee", "community"), 12),
            .. Enumerable.Repeat(("Payments API work", "not-glue"), 12),
        ]);

        var suggestion = SuggestionEngine.Suggest(Group("Cook-off judging"), Context(model: model));

        Assert.AreEqual("community", suggestion.CategoryId);
        StringAssert.EndsWith(suggestion.Reason, "titles like this were confirmed as Community in your organisation");
    }

    [TestMethod]
    public void Suggest_RulesSure_IgnoresTheTenantModel()
    {
        var model = TenantModel.Train(Enumerable.Repeat(("Design review", "not-glue"), 30).Append(("Lunch", "community")));

        Assert.AreEqual("design-review", SuggestionEngine.Suggest(Group("Design review"), Context(model: model)).CategoryId);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("🎉🎉🎉")]
    [DataRow("1:1")]
    [DataRow("w/ & <> | / – :")]
    [DataRow("Réunion d'équipe – planification")]
    public void Suggest_OddTitles_GiveAKnownCategoryAndAConfidenceBetween0And1(string subject)
    {
        foreach (var calendarEvent in new[] { Group(subject), Meeting(subject), Meeting(subject, Manager), Meeting(subject, "x@y.z") })
        {
            var suggestion = SuggestionEngine.Suggest(calendarEvent, Context());

            Assert.IsTrue(suggestion.Confidence is >= 0 and <= 1, suggestion.ToString());
            Assert.IsTrue(GlueTeams.Core.Categories.GlueCategories.TryGet(suggestion.CategoryId, out _), suggestion.CategoryId);
        }
    }

    [TestMethod]
    public void Suggest_VeryLongTitle_IsFast()
    {
        var huge = Group(string.Join(' ', Enumerable.Repeat("interveiw postmorten caching onbaording", 2000)));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var suggestion = SuggestionEngine.Suggest(huge, Context());

        Assert.IsLessThan(2000, started.ElapsedMilliseconds);
        Assert.IsTrue(suggestion.Confidence is >= 0 and <= 1);
    }
}
