using GlueTeams.Core.Records;

namespace GlueTeams.Core.Tests.Records;

[TestClass]
public sealed class ImpactNamesTests
{
    [TestMethod]
    public void Each_impact_has_one_name_that_reads_back()
    {
        foreach (var impact in Enum.GetValues<Impact>())
        {
            Assert.IsTrue(ImpactNames.TryParse(ImpactNames.Of(impact), out var read));
            Assert.AreEqual(impact, read);
        }
        Assert.AreEqual("multiplier", ImpactNames.Of(Impact.Multiplier));
        Assert.AreEqual("one-off", ImpactNames.Of(Impact.OneOff));
        Assert.AreEqual("one-off", ImpactNames.Of(null));
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("Multiplier!")]
    [DataRow("both")]
    public void An_unknown_name_is_refused(string text) => Assert.IsFalse(ImpactNames.TryParse(text, out _));
}
