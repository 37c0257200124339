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

    [TestMethod]
    public void A_model_updated_one_confirmation_at_a_time_predicts_as_one_trained_at_once_and_forgets_exactly()
    {
        var confirmed = Enumerable.Range(0, 40).Select(i => (Title: $"{(i % 2 == 0 ? "Guild meetup" : "Squad standup")} {i}", CategoryId: i % 2 == 0 ? "community" : "not-glue")).ToList();
        var counts = new Dictionary<string, CategoryCounts>();
        foreach (var (title, category) in confirmed.Append(("Stray title", "hiring")))
        {
            counts[category] = counts.TryGetValue(category, out var sum) ? sum.Plus(CategoryCounts.Of(category, title)) : CategoryCounts.Of(category, title);
        }
        // The stray confirmation is taken back (an erased user's, or a changed category): the counts are as if it never was.
        counts["hiring"] = counts["hiring"].Plus(CategoryCounts.Of("hiring", "Stray title", sign: -1));

        var incremental = TenantModel.FromCounts(counts.Values);
        var atOnce = TenantModel.Train(confirmed);

        Assert.AreEqual(0, counts["hiring"].Documents);
        Assert.IsEmpty(counts["hiring"].Features);
        Assert.AreEqual(atOnce.Examples, incremental.Examples);
        foreach (var probe in new[] { "Guild meetup", "Squad standup", "meetup", "Stray title" })
        {
            Assert.AreEqual(atOnce.Predict(TitleText.Parse(probe)), incremental.Predict(TitleText.Parse(probe)), probe);
        }
    }
}
