using GlueTeams.Core.Categories;

namespace GlueTeams.Core.Tests.Categories;

[TestClass]
public sealed class GlueCategoriesTests
{
    [TestMethod]
    public void All_HasTheElevenStableIdsOfTheProduct()
    {
        CollectionAssert.AreEqual(
            new[] { "mentoring", "onboarding", "knowledge-sharing", "design-review", "code-review", "coordination", "process", "incident", "hiring", "community", "not-glue" },
            GlueCategories.All.Select(c => c.Id).ToArray());
        Assert.IsTrue(GlueCategories.All.All(c => c.Name.Length > 0 && c.Description.Length > 0));
    }

    [TestMethod]
    public void Palette_OneDistinctColourAndMarkerPerCategory_SameIdsAndNamesAsTheTaxonomy()
    {
        CollectionAssert.AreEqual(GlueCategories.All.Select(c => (c.Id, c.Name)).ToList(), CategoryPalette.All.Select(p => (p.Id, p.Name)).ToList(),
            "categories.json (read by the tabs) lists the taxonomy in display order, with the same names");
        Assert.IsTrue(GlueCategories.All.All(c => System.Text.RegularExpressions.Regex.IsMatch(c.Color, "^#[0-9a-f]{6}$")), "#rrggbb");
        Assert.HasCount(GlueCategories.All.Count, GlueCategories.All.Select(c => c.Color).Distinct(StringComparer.OrdinalIgnoreCase));
        Assert.HasCount(GlueCategories.All.Count, GlueCategories.All.Select(c => c.Marker).Distinct(StringComparer.Ordinal));
    }

    [TestMethod]
    public void TryGet_UnknownOrNull_Fails()
    {
        Assert.IsFalse(GlueCategories.TryGet("Mentoring", out _));
        Assert.IsFalse(GlueCategories.TryGet(null, out _));
        Assert.IsTrue(GlueCategories.TryGet("incident", out var incident));
        Assert.AreEqual("Incident follow-up", incident.Name);
    }

    [TestMethod]
    [DataRow("Glue: Mentoring", "mentoring")]
    [DataRow("glue: mentoring & coaching", "mentoring")]
    [DataRow("  Glue: Incident follow-up ", "incident")]
    [DataRow("Glue: Architecture", "design-review")]
    [DataRow("Glue: Not glue work", "not-glue")]
    public void FromOutlookCategory_ShortOrFullName_Found(string outlook, string id) =>
        Assert.AreEqual(id, GlueCategories.FromOutlookCategory(outlook)?.Id);

    [TestMethod]
    [DataRow("Mentoring")]
    [DataRow("Glue:")]
    [DataRow("Red category")]
    public void FromOutlookCategory_OtherCategory_Null(string outlook) =>
        Assert.IsNull(GlueCategories.FromOutlookCategory(outlook));

    [TestMethod]
    public void OutlookCategoryName_UsesTheShortName() =>
        Assert.AreEqual("Glue: Mentoring", GlueCategories.Mentoring.OutlookCategoryName);
}
