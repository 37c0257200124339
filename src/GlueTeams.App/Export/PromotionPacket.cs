using System.Globalization;
using System.Text;
using GlueTeams.App.Api;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Export;

public enum ExportFormat
{
    Markdown,
    Csv,
}

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The promotion packet: what an engineer brings to a review instead of a brag document written from memory.
/// Markdown (totals, by category, by outcome, top artifacts, a chart) or a CSV of every record in the range.
/// </summary>
public sealed class PromotionPacket(ActivityStore activities, UserStore users)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const int TopArtifacts = 10;

    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = text?.ToUpperInvariant() switch
        {
            null or "" or "MD" or "MARKDOWN" => ExportFormat.Markdown,
            "CSV" => ExportFormat.Csv,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    public async Task<ExportFile> ExportAsync(string tenantId, string userId, IsoWeek from, IsoWeek to, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var records = (await activities.ListAsync(tenantId, userId, from, to, cancellationToken)).Select(r => r.Record).ToList();
        var name = $"glue-work-{from}-{to}";
        if (format == ExportFormat.Csv)
        {
            return new ExportFile(name + ".csv", "text/csv; charset=utf-8", Encoding.UTF8.GetBytes(RecordsCsv.Render(records)));
        }
        var profile = await users.GetAsync(tenantId, userId, cancellationToken);
        var markdown = Markdown(profile?.DisplayName, PeriodSummary.Of(from, to, records));
        return new ExportFile(name + ".md", "text/markdown; charset=utf-8", Encoding.UTF8.GetBytes(markdown));
    }

    public static string Markdown(string? displayName, PeriodSummary period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var t = period.Total;
        var md = new StringBuilder();
        var who = string.IsNullOrWhiteSpace(displayName) ? "" : " — " + Escape(displayName);
        md.Line(Inv, $"# Glue work{who}, {period.From} to {period.To}").Line();
        md.Line("## Totals").Line();
        md.Line(Inv, $"- Glue work: **{t.GlueHours:F1} h** in {t.ConfirmedCount} confirmed records over {period.Weeks.Count} weeks");
        md.Line(Inv, $"- Share of meeting time: **{t.ShareOfMeetingTime:P0}** of {t.MeetingMinutes / 60.0:F1} h in meetings");
        md.Line(Inv, $"- Multiplier work (builds something reusable): **{t.MultiplierShare:P0}**");
        md.Line(Inv, $"- Delegated (someone else's work handed over): **{t.DelegatedShare:P0}**").Line();
        md.Line(Inv, $"![Glue work per week](data:image/png;base64,{Convert.ToBase64String(GlueChart.RenderPng(period))})").Line();
        md.Line("## By category").Line().Line("| category | hours | share |").Line("| --- | ---: | ---: |");
        foreach (var (id, minutes) in t.MinutesByCategory.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            md.Line(Inv, $"| {GlueCategories.Get(id).Name} | {minutes / 60.0:F1} | {(double)minutes / t.GlueMinutes:P0} |");
        }
        md.Line().Line("## By outcome").Line();
        var outcomes = t.Artifacts.Where(a => !string.IsNullOrWhiteSpace(a.OutcomeNote)).GroupBy(a => a.OutcomeNote!.Trim(), StringComparer.OrdinalIgnoreCase).ToList();
        md.Line(outcomes.Count == 0 ? "No outcomes recorded yet." : "| outcome | artifacts |");
        if (outcomes.Count > 0)
        {
            md.Line("| --- | ---: |");
            foreach (var outcome in outcomes.OrderByDescending(g => g.Count()))
            {
                md.Line(Inv, $"| {Escape(outcome.Key)} | {outcome.Count()} |");
            }
        }
        md.Line().Line("## Top artifacts").Line();
        var top = t.Artifacts.GroupBy(a => a.Link).Select(g => (Artifact: g.First(), Count: g.Count())).OrderByDescending(a => a.Count).ThenBy(a => a.Artifact.Start).Take(TopArtifacts).ToList();
        if (top.Count == 0)
        {
            md.Line("No artifacts recorded yet.");
        }
        foreach (var (artifact, count) in top)
        {
            var title = Escape(artifact.Title ?? artifact.Link.Host);
            md.Line(Inv, $"- [{title}](<{artifact.Link.AbsoluteUri}>) — {GlueCategories.Get(artifact.CategoryId).Name}, {count} session(s)");
        }
        return md.ToString();
    }

    /// <summary>
    /// User text must not become Markdown structure (links, tables, HTML), nor a link by itself: ':', '.' and '@' are
    /// escaped too, so that a bare "https://…", "www.…" or address in a note stays text (GFM auto-links them otherwise).
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '(' or ')' or ':' or '.' or '@')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}

internal static class MarkdownLines
{
    public static StringBuilder Line(this StringBuilder md, string text = "") => md.Append(text).Append('\n');

    /// <summary>An interpolated line, formatted with the invariant culture.</summary>
    public static StringBuilder Line(this StringBuilder md, IFormatProvider provider,
        [System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("md", "provider")] ref StringBuilder.AppendInterpolatedStringHandler text) =>
        md.Append('\n');
}
