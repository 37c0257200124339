using GlueTeams.Core.Suggestions;

namespace GlueTeams.Core.Tests.Suggestions;

[TestClass]
public sealed class TitleTextTests
{
    [TestMethod]
    [DataRow("Alice / Sam 1:1")]
    [DataRow("1-1 Alice & Sam")]
    [DataRow("Alice 1on1 Sam")]
    [DataRow("One-on-one: Alice")]
    [DataRow("Alice 1 on 1")]
    public void Parse_OneOnOneSpellings_BecomeOneToken(string title) =>
        CollectionAssert.Contains(TitleText.Parse(title).Tokens.ToList(), TitleText.OneOnOne);

    [TestMethod]
    public void Parse_PunctuationEmojiAccentsAndCase_AreIgnored() =>
        Assert.AreEqual("cafe with jose and team", string.Join(' ', TitleText.Parse("☕ Café w/ JOSÉ & team!!").Tokens));

    [TestMethod]
    public void Parse_TwoPartiesSideBySide_IsAPairSeparator()
    {
        Assert.IsTrue(TitleText.Parse("Payments <> Ledger").HasPairSeparator);
        Assert.IsTrue(TitleText.Parse("Platform x SRE sync").HasPairSeparator);
        Assert.IsFalse(TitleText.Parse("Platform sync").HasPairSeparator);
    }

    [TestMethod]
    public void Key_IgnoresNumbers() =>
        Assert.AreEqual(TitleText.Parse("Sprint 48 planning").Key, TitleText.Parse("Sprint 49 – planning").Key);
}
