using System.Globalization;
using System.Text;
using GlueTeams.App.Api;
using GlueTeams.Core.Records;

namespace GlueTeams.App.Export;

/// <summary>The records as CSV (RFC 4180), safe to open in a spreadsheet: cells that would start a formula are quoted out.</summary>
public static class RecordsCsv
{
    private static readonly string[] s_header =
        ["week", "start", "end", "minutes", "title", "status", "category", "impact", "delegated", "shared_with_manager", "artifact_title", "artifact_link", "outcome"];

    public static string Render(IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var csv = new StringBuilder();
        AppendRow(csv, s_header);
        foreach (var r in records)
        {
            var c = r.Confirmation;
            AppendRow(csv,
            [
                r.Week.ToString(), Iso(r.Start), Iso(r.End), r.Minutes.ToString(CultureInfo.InvariantCulture), r.Title,
                r.Status.ToString().ToLowerInvariant(), r.ConfirmedCategoryId ?? "", c is null ? "" : ImpactNames.Of(c.Impact),
                c?.Delegated == true ? "yes" : "no", c?.SharedWithManager == true ? "yes" : "no",
                c?.ArtifactTitle ?? "", c?.ArtifactLink?.AbsoluteUri ?? "", c?.OutcomeNote ?? "",
            ]);
        }
        return csv.ToString();
    }

    /// <summary>One cell: a leading = + - @ (or tab, carriage return) gets a quote so spreadsheets show text, not a formula.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One line of cells, each made safe by <see cref="Cell"/>.</summary>
    public static void AppendRow(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
}
