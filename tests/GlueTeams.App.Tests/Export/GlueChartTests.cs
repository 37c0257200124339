using GlueTeams.App.Export;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Testing;
using SkiaSharp;

namespace GlueTeams.App.Tests.Export;

/// <summary>The packet chart paints each category in its one colour from categories.json, whatever else the period holds.</summary>
[TestClass]
public sealed class GlueChartTests
{
    [TestMethod]
    public void EachCategory_IsDrawnInItsPaletteColour()
    {
        var week = IsoWeek.Parse("2026-W48");
        // Only design reviews: with a palette picked by position this would be the first colour; it must be design review's own.
        var records = SimulatedRecords.Weeks("t", "u", week.AddWeeks(-1), week, perWeek: 2, gluePerWeek: 2)
            .Select(r => r.Confirmation!.CategoryId == "not-glue" ? r : r.Confirmed("design-review", shared: true)).ToList();
        using var bitmap = SKBitmap.Decode(GlueChart.RenderPng(PeriodSummary.Of(week.AddWeeks(-1), week, records)));

        int Count(string hex)
        {
            var colour = SKColor.Parse(hex);
            var n = 0;
            for (var y = 0; y < bitmap.Height; y++)
            {
                for (var x = 0; x < bitmap.Width; x++)
                {
                    var p = bitmap.GetPixel(x, y);
                    n += Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 6 ? 1 : 0;
                }
            }
            return n;
        }
        Assert.IsGreaterThan(1000, Count(GlueCategories.DesignReview.Color), "design review's bars in its colour");
        Assert.IsLessThan(10, Count(GlueCategories.Mentoring.Color), "not the first colour of a positional palette");
    }
}
