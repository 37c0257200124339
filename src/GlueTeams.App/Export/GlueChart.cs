using GlueTeams.Core.Categories;
using GlueTeams.Core.Summaries;
using ScottPlot;

namespace GlueTeams.App.Export;

/// <summary>
/// The packet's chart, drawn on the server: glue hours per category per week as stacked bars, as a PNG, each category
/// in its one colour (<see cref="GlueCategory.Color"/>, the tabs' too).
/// </summary>
public static class GlueChart
{
    public static byte[] RenderPng(PeriodSummary period, int width = 900, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(period);
        var plot = new Plot();
        var categories = GlueCategories.All.Where(c => c.IsGlue && period.Total.MinutesByCategory.ContainsKey(c.Id)).ToList();
        var bars = new List<Bar>();
        for (var i = 0; i < period.Weeks.Count; i++)
        {
            double stacked = 0;
            foreach (var category in categories)
            {
                var hours = period.Weeks[i].Summary.MinutesByCategory.GetValueOrDefault(category.Id) / 60.0;
                if (hours > 0)
                {
                    bars.Add(new Bar { Position = i, ValueBase = stacked, Value = stacked + hours, FillColor = Color.FromHex(category.Color) });
                    stacked += hours;
                }
            }
        }
        plot.Add.Bars(bars);
        foreach (var category in categories)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = category.Name, FillColor = Color.FromHex(category.Color) });
        }
        plot.ShowLegend(Alignment.UpperLeft);
        var labelEvery = Math.Max(1, period.Weeks.Count / 12);
        var ticks = period.Weeks.Select((w, i) => (Position: (double)i, Label: w.Week.Monday.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture))).Where(t => (int)t.Position % labelEvery == 0).ToList();
        plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title("Glue hours per week");
        plot.XLabel("week starting");
        plot.YLabel("hours");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
