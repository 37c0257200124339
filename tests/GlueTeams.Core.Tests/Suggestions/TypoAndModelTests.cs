using GlueTeams.Core.Suggestions;

namespace GlueTeams.Core.Tests.Suggestions;

[TestClass]
public sealed class TypoAndModelTests
{
    [TestMethod]
    [DataRow("interview", "interveiw", 1)]
    [DataRow("postmortem", "postmorten", 1)]
    [DataRow("retro", "retro", 0)]
    [DataRow("design", "sprint", 2)]
    public void Distance_CountsEditsUpToTheLimit(string a, string b, int expected) =>
        Assert.AreEqual(expected, Typos.Distance(a, b, 1) > 1 ? 2 : Typos.Distance(a, b, 1));

    [TestMethod]
    public void Predict_TooFewExamples_SaysNothing() =>
        Assert.IsNull(TenantModel.Train([("Chili cook-off", "community"), ("Payments", "not-glue")]).Predict(TitleText.Parse("Chili cook-off")));

    [TestMethod]
    public void Predict_UnknownWords_SaysNothing()
    {
        var model = TenantModel.Train(Enumerable.Range(0, 30).Select(i => ($"Cook-off {i}", i % 2 == 0 ? "community" : "not-glue")));

        Assert.IsNull(model.Predict(TitleText.Parse("Quarterly budget")));
    }

    [TestMethod]
    public void Predict_SeenWords_GivesTheirCategoryAndAProbability()
    {
        var model = TenantModel.Train([
            .. Enumerable.Repeat(("Chili cook-off", "community"), 15),
            .. Enumerable.Repeat(("Payments API", "not-glue"), 15),
        ]);

        var (categoryId, probability) = model.Predict(TitleText.Parse("cook-off prep")) ?? default;

        Assert.AreEqual("community", categoryId);
        Assert.IsTrue(probability is > 0.5 and <= 1);
    }
}
