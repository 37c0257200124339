using System.IO.Compression;
using System.Text;
using GlueTeams.App.Evidence;
using GlueTeams.App.Users;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Export;

public enum ExportFormat
{
    /// <summary>A zip of the packet as Markdown and its chart as a PNG beside it.</summary>
    Markdown,
    /// <summary>A Word document with the chart embedded.</summary>
    Word,
    /// <summary>Every record of the period, as CSV.</summary>
    Csv,
}

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>What to export: the ISO weeks, the format, the ladder level evidence is grouped for, and whether the private section is in.</summary>
public sealed record PacketRequest(IsoWeek From, IsoWeek To, ExportFormat Format, string? Level = null, bool IncludePrivate = false);

/// <summary>
/// The promotion packet: what an engineer brings to a review instead of a brag document written from memory
/// (<see cref="PacketContent"/>), as Markdown with its chart in a zip, or as a Word document; or the records as CSV.
/// The same for the tab (<c>GET /api/me/export</c>) and the <c>export</c> command.
/// </summary>
public sealed class PromotionPacket(ActivityStore activities, UserStore users, DirectoryLookups directory, CareerLadder ladder, AcknowledgementStore acknowledgements,
    ArtifactReachStore artifactReach)
{
    public CareerLadder Ladder => ladder;

    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = text?.ToUpperInvariant() switch
        {
            null or "" or "MD" or "MARKDOWN" or "ZIP" => ExportFormat.Markdown,
            "DOCX" or "WORD" => ExportFormat.Word,
            "CSV" => ExportFormat.Csv,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>Null when <paramref name="level"/> (null: the ladder's default) is one of the ladder's levels; else why not.</summary>
    public string? LevelProblem(string? level) =>
        ladder.Level(level) is null ? $"'level' must be one of: {string.Join(", ", ladder.Levels.Select(l => l.Id))}." : null;

    public async Task<ExportFile> ExportAsync(string tenantId, string userId, PacketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var records = (await activities.ListAsync(tenantId, userId, request.From, request.To, cancellationToken)).Select(r => r.Record).ToList();
        var name = $"glue-work-{request.From}-{request.To}";
        if (request.Format == ExportFormat.Csv)
        {
            return new ExportFile(name + ".csv", "text/csv; charset=utf-8", Encoding.UTF8.GetBytes(RecordsCsv.Render(records)));
        }
        var profile = await users.GetAsync(tenantId, userId, cancellationToken);
        var reach = await directory.ReachAsync(tenantId, records, cancellationToken);
        var zone = profile?.TimeZone ?? TimeZoneInfo.Utc;
        // The manager's words the engineer chose to quote; the engineer's partition, so only ever their own.
        var quotes = (await acknowledgements.ListAsync(tenantId, userId, cancellationToken)).Where(a => a.Quoted)
            .Select(a => new PacketQuote(a.Note, a.ManagerName, a.About, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.At, zone).DateTime))).ToList();
        var (views, note) = await ViewsAsync(tenantId, userId, records, cancellationToken);
        var input = new PacketInput(profile?.DisplayName, request.From, request.To, records, reach, views, note, quotes,
            ladder, ladder.Level(request.Level) ?? throw new ArgumentException(LevelProblem(request.Level), nameof(request)), request.IncludePrivate, zone);
        var document = PacketContent.Build(input, GlueChart.RenderPng(PeriodSummary.Of(request.From, request.To, records)));
        return request.Format == ExportFormat.Word
            ? new ExportFile(name + ".docx", PacketWord.ContentType, PacketWord.Render(document))
            : new ExportFile(name + ".zip", "application/zip", Zip(name + ".md", PacketMarkdown.Render(document), document.ChartPng));
    }

    /// <summary>
    /// The artifacts' views from the weekly refresh, and one sentence when some are missing: refused (the permission is
    /// not granted) or not read yet. Only SharePoint and OneDrive links have views at all.
    /// </summary>
    private async Task<(Dictionary<string, ArtifactViews> Views, string? Note)> ViewsAsync(string tenantId, string userId, IReadOnlyList<ActivityRecord> records,
        CancellationToken cancellationToken)
    {
        var links = records.Select(r => r.Confirmation?.ArtifactLink).OfType<Uri>().Where(Graph.Files.ItemAnalyticsReader.IsDriveLink)
            .Select(l => l.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        if (links.Count == 0)
        {
            return ([], null);
        }
        var stored = (await artifactReach.ListAsync(tenantId, userId, cancellationToken)).Where(r => links.Contains(r.Link.AbsoluteUri)).ToList();
        var views = stored.Where(r => r.Status == ReachStatus.Known).ToDictionary(r => r.Link.AbsoluteUri, r => new ArtifactViews(r.Views, r.Viewers), StringComparer.Ordinal);
        var note = stored.Any(r => r.Status == ReachStatus.Denied)
            ? "Views of SharePoint and OneDrive artifacts are not available: your organisation has not granted GlueTeams the permission to read file analytics."
            : stored.Count < links.Count ? "Views of SharePoint and OneDrive artifacts are read once a week; some were not read yet." : null;
        return (views, note);
    }

    /// <summary>The Markdown and, beside it, the chart it shows as <c>![…](chart.png)</c>.</summary>
    private static byte[] Zip(string markdownName, string markdown, byte[] chart)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry(markdownName, CompressionLevel.Optimal).Open())
            {
                entry.Write(Encoding.UTF8.GetBytes(markdown));
            }
            using (var entry = zip.CreateEntry(PacketMarkdown.ChartFileName, CompressionLevel.NoCompression).Open())
            {
                entry.Write(chart);
            }
        }
        return stream.ToArray();
    }
}
