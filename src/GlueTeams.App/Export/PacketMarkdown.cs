using System.Text;

namespace GlueTeams.App.Export;

/// <summary>
/// The packet as Markdown. The chart is a separate file next to it (<see cref="ChartFileName"/>), because many wikis and
/// Git hosts do not render images given as data URIs. What someone typed is escaped (<see cref="Escape"/>).
/// </summary>
public static class PacketMarkdown
{
    public const string ChartFileName = "chart.png";

    public static string Render(PacketDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Line(new string('#', Math.Clamp(h.Level, 1, 6)) + " " + Runs(h.Runs)).Line();
                    break;
                case Paragraph p:
                    md.Line(Runs(p.Runs)).Line();
                    break;
                case Bullets b:
                    foreach (var item in b.Items)
                    {
                        md.Line("- " + Runs(item));
                    }
                    md.Line();
                    break;
                case Quote q:
                    md.Line("> " + Runs(q.Text)).Line(">").Line("> — " + Runs(q.Attribution)).Line();
                    break;
                case Table t:
                    md.Line("| " + string.Join(" | ", t.Header) + " |");
                    md.Line("| " + string.Join(" | ", t.Header.Select((_, i) => i < t.TextColumns ? "---" : "---:")) + " |");
                    foreach (var row in t.Rows)
                    {
                        md.Line("| " + string.Join(" | ", row.Select(cell => Runs(cell).Replace("|", "\\|", StringComparison.Ordinal))) + " |");
                    }
                    md.Line();
                    break;
                case Chart c:
                    md.Line($"![{c.AltText}]({ChartFileName})").Line();
                    break;
            }
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static string Runs(IEnumerable<Run> runs) => string.Concat(runs.Select(Render));

    private static string Render(Run run)
    {
        var text = run.IsUserText ? Escape(run.Text) : run.Text.ReplaceLineEndings(" ");
        if (run.Link is { } link)
        {
            text = $"[{text}](<{link.AbsoluteUri}>)";
        }
        return run.Bold ? $"**{text}**" : text;
    }

    /// <summary>
    /// User text must not become Markdown structure (links, tables, HTML), nor a link by itself: ':', '.' and '@' are
    /// escaped too, so that a bare "https://…", "www.…" or address in a note stays text (GFM auto-links them otherwise).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        var flat = text.ReplaceLineEndings(" ");
        if (flat.Length > 0 && flat[0] is '-' or '+' or '=')
        {
            escaped.Append('\\'); // would start a list item or a heading underline at the start of a line
        }
        foreach (var c in flat)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '(' or ')' or ':' or '.' or '@' or '~')
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
}
