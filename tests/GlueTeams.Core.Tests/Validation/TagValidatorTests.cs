using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;

namespace GlueTeams.Core.Tests.Validation;

[TestClass]
public sealed class TagValidatorTests
{
    private static TagInput Input(string? category = "mentoring", string? impact = "multiplier", string? link = null, string? title = null, string? note = null) =>
        new(category, impact, link, title, note, Delegated: false);

    [TestMethod]
    public void Validate_CompleteInput_GivesTrimmedValues()
    {
        var result = TagValidator.Validate(Input(" mentoring ", "multiplier", " https://wiki.example.com/onboarding?x=1 ", "  Guide ", " Cut ramp-up to 3 weeks "));
        Assert.IsTrue(result.IsValid);
        Assert.AreEqual("mentoring", result.Value.CategoryId);
        Assert.AreEqual(Impact.Multiplier, result.Value.Impact);
        Assert.AreEqual(new Uri("https://wiki.example.com/onboarding?x=1"), result.Value.ArtifactLink);
        Assert.AreEqual("Guide", result.Value.ArtifactTitle);
        Assert.AreEqual("Cut ramp-up to 3 weeks", result.Value.OutcomeNote);
    }

    [TestMethod]
    public void Validate_NoImpact_DefaultsToOneOff() =>
        Assert.AreEqual(Impact.OneOff, TagValidator.Validate(Input(impact: null)).Value!.Impact);

    [TestMethod]
    [DataRow(null, "Choose a category.")]
    [DataRow("", "Choose a category.")]
    [DataRow("Mentoring", "'Mentoring' is not a glue-work category.")]
    [DataRow("hacking", "'hacking' is not a glue-work category.")]
    public void Validate_BadCategory_Refused(string? category, string message)
    {
        var result = TagValidator.Validate(Input(category));
        Assert.IsFalse(result.IsValid);
        Assert.AreEqual("category", result.Errors.Single().Field);
        Assert.AreEqual(message, result.Errors.Single().Message);
    }

    [TestMethod]
    public void Validate_HugeCategory_MessageIsShortened()
    {
        var result = TagValidator.Validate(Input(new string('x', 100_000)));
        Assert.IsLessThan(100, result.Message.Length);
    }

    [TestMethod]
    public void Validate_Note501Characters_Refused()
    {
        Assert.IsTrue(TagValidator.Validate(Input(note: new string('a', 500))).IsValid);
        var result = TagValidator.Validate(Input(note: new string('a', 501)));
        Assert.AreEqual("note", result.Errors.Single().Field);
        StringAssert.Contains(result.Message, "500");
    }

    [TestMethod]
    public void Validate_HundredKilobyteNote_Refused() =>
        Assert.IsFalse(TagValidator.Validate(Input(note: new string('n', 100 * 1024))).IsValid);

    [TestMethod]
    [DataRow("http://example.com/doc")]
    [DataRow("javascript:alert(1)")]
    [DataRow("/relative/path")]
    [DataRow("ftp://example.com/x")]
    [DataRow("https://user:pw@example.com/x")]
    [DataRow("not a url")]
    [DataRow("file:///etc/passwd")]
    public void Validate_LinkNotAbsoluteHttps_Refused(string link)
    {
        var result = TagValidator.Validate(Input(link: link));
        Assert.AreEqual("artifactLink", result.Errors.Single().Field);
    }

    [TestMethod]
    public void Validate_LinkOver2048_Refused()
    {
        var ok = "https://example.com/" + new string('a', 2048 - 20);
        Assert.IsTrue(TagValidator.Validate(Input(link: ok)).IsValid);
        Assert.IsFalse(TagValidator.Validate(Input(link: ok + "a")).IsValid);
    }

    [TestMethod]
    public void Validate_TitleWithoutLink_Refused() =>
        Assert.AreEqual("artifactLink", TagValidator.Validate(Input(title: "Runbook")).Errors.Single().Field);

    [TestMethod]
    public void Validate_BadImpact_Refused() =>
        Assert.AreEqual("impact", TagValidator.Validate(Input(impact: "huge")).Errors.Single().Field);

    [TestMethod]
    public void Validate_SeveralProblems_AllReported()
    {
        var result = TagValidator.Validate(Input("nope", "huge", "http://x", null, new string('a', 600)));
        CollectionAssert.AreEquivalent(new[] { "category", "impact", "artifactLink", "note" }, result.Errors.Select(e => e.Field).ToArray());
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void Validate_ControlCharactersInNote_Removed() =>
        Assert.AreEqual("ab\ncd", TagValidator.Validate(Input(note: "a\u0000b\ncd\u0007")).Value!.OutcomeNote);

    [TestMethod]
    public void CleanTitle_TrimsBoundsAndEmptiesToNull()
    {
        Assert.AreEqual("Design review", TagValidator.CleanTitle("  Design review \t"));
        Assert.IsNull(TagValidator.CleanTitle("   "));
        Assert.IsNull(TagValidator.CleanTitle(null));
        var cleaned = TagValidator.CleanTitle(new string('x', 1000))!;
        Assert.AreEqual(TagValidator.MaxTitleLength, cleaned.Length);
        Assert.EndsWith("…", cleaned);
    }

    [TestMethod]
    [DataRow('\u200B')]
    [DataRow('\u200D')]
    [DataRow('\u200F')]
    [DataRow('\u202A')]
    [DataRow('\u202E')]
    [DataRow('\u2066')]
    [DataRow('\u2069')]
    [DataRow('\uFEFF')]
    public void Validate_InvisibleOrBidiCharacters_AreRefusedInNotesAndTitles(char hidden)
    {
        var note = TagValidator.Validate(Input(note: $"Mentored {hidden}the new hire"));
        var title = TagValidator.Validate(Input(link: "https://wiki.example.com/guide", title: $"Guide{hidden}"));

        Assert.IsFalse(note.IsValid);
        Assert.AreEqual("note", note.Errors.Single().Field);
        StringAssert.Contains(note.Errors.Single().Message, $"invisible character (U+{(int)hidden:X4})");
        Assert.IsFalse(title.IsValid);
        Assert.AreEqual("artifactTitle", title.Errors.Single().Field);
    }

    [TestMethod]
    public void Validate_OrdinaryNonLatinText_IsAccepted() =>
        Assert.IsTrue(TagValidator.Validate(Input(note: "שלום — 你好 — Grüße, 3 weeks → 1")).IsValid);
}
