namespace GlueTeams.App.Export;

/// <summary>
/// A piece of text in the packet. <see cref="IsUserText"/> marks what someone typed (a note, a title, a name): the
/// Markdown renderer escapes it so that it can never become structure or a link. Template text is GlueTeams' own.
/// </summary>
public sealed record Run(string Text, bool Bold = false, Uri? Link = null, bool IsUserText = false)
{
    public static Run Ours(string text) => new(text);

    public static Run User(string text) => new(text, IsUserText: true);

    public static Run Strong(string text) => new(text, Bold: true);

    /// <summary>A link whose visible title someone typed; the address is a validated https link.</summary>
    public static Run LinkTo(string title, Uri link) => new(title, Link: link, IsUserText: true);
}

/// <summary>One block of the packet, rendered the same way to Markdown and to Word.</summary>
public abstract record PacketBlock;

public sealed record Heading(int Level, IReadOnlyList<Run> Runs) : PacketBlock
{
    public Heading(int level, string text) : this(level, [Run.Ours(text)])
    {
    }
}

public sealed record Paragraph(IReadOnlyList<Run> Runs) : PacketBlock
{
    public Paragraph(string text) : this([Run.Ours(text)])
    {
    }
}

public sealed record Bullets(IReadOnlyList<IReadOnlyList<Run>> Items) : PacketBlock;

/// <summary>A quotation (a manager's acknowledgement) and who said it.</summary>
public sealed record Quote(IReadOnlyList<Run> Text, IReadOnlyList<Run> Attribution) : PacketBlock;

/// <summary>A table: a header row and rows of cells, each cell a list of runs; the first <paramref name="TextColumns"/> hold text, the rest numbers.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<IReadOnlyList<Run>>> Rows, int TextColumns = 1) : PacketBlock;

/// <summary>The chart, as a PNG next to the Markdown (chart.png) or embedded in the Word document.</summary>
public sealed record Chart(string AltText) : PacketBlock;

/// <summary>The packet's content, independent of its format; <see cref="ChartPng"/> is the chart the <see cref="Chart"/> block shows.</summary>
public sealed record PacketDocument(string Title, IReadOnlyList<PacketBlock> Blocks, byte[] ChartPng);
