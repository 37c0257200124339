using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using GlueTeams.App.Tests.Api;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GlueTeams.App.Tests.Export;

/// <summary>
/// Golden packets for a simulated engineer (<see cref="SimulatedEngineer"/>), exported through the tab API: the Markdown
/// text, and the Word document opened with OpenXml and its text read back, each equal to a file under Export/Golden.
/// Set GLUE_UPDATE_GOLDEN=1 to rewrite the files after an intended change (and read the diff).
/// </summary>
[TestClass]
public sealed class GoldenPacketTests
{
    private const string Period = "from=2026-W40&to=2026-W48";
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => s_host = await SimulatedEngineer.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    [TestMethod]
    public async Task Markdown_packet_is_the_golden_one_with_the_chart_beside_it()
    {
        using var client = s_host.ClientFor(SimulatedEngineer.User(s_host).Id);
        using var response = await client.GetAsync($"/api/me/export?{Period}&format=md&level=staff");

        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        CollectionAssert.AreEquivalent(new[] { "glue-work-2026-W40-2026-W48.md", "chart.png" }, zip.Entries.Select(e => e.FullName).ToArray());
        var markdown = await ReadAsync(zip.GetEntry("glue-work-2026-W40-2026-W48.md")!);
        using (var png = new MemoryStream())
        {
            await zip.GetEntry("chart.png")!.Open().CopyToAsync(png);
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.ToArray()[..4], "the chart is a PNG file");
        }
        StringAssert.Contains(markdown, "![Glue hours per week, by theme](chart.png)", "the chart is a file beside the text, not a data URI");
        Assert.DoesNotContain("data:image", markdown);
        Assert.DoesNotContain("Delegated", markdown, "delegated work is left out unless asked for");
        Golden("packet.md", markdown);
    }

    [TestMethod]
    public async Task Word_packet_has_the_golden_text_and_the_chart_embedded()
    {
        using var client = s_host.ClientFor(SimulatedEngineer.User(s_host).Id);
        using var response = await client.GetAsync($"/api/me/export?{Period}&format=docx&level=staff");

        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        var main = word.MainDocumentPart!;
        var image = main.ImageParts.Single();
        Assert.AreEqual("image/png", image.ContentType);
        var embedded = main.Document.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value;
        Assert.AreEqual(main.GetIdOfPart(image), embedded, "the picture in the text is the chart's part");
        Assert.IsTrue(main.Document.Descendants<W.ParagraphStyleId>().Any(s => s.Val == "Heading1"), "real headings, for navigation and screen readers");
        Golden("packet.docx.txt", WordText(main.Document.Body!));
    }

    [TestMethod]
    public async Task The_private_section_is_in_only_when_asked_for()
    {
        using var client = s_host.ClientFor(SimulatedEngineer.User(s_host).Id);
        using var response = await client.GetAsync($"/api/me/export?{Period}&format=docx&includePrivate=true");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        var text = WordText(word.MainDocumentPart!.Document.Body!);

        StringAssert.Contains(text, "Private: delegated work");
        StringAssert.Contains(text, "of glue time) in ");
    }

    [TestMethod]
    [DataRow("format=pdf", "'format' must be")]
    [DataRow("level=principal", "'level' must be one of: senior, staff")]
    public async Task Unknown_formats_and_levels_are_refused(string query, string message)
    {
        using var client = s_host.ClientFor(SimulatedEngineer.User(s_host).Id);
        using var response = await client.GetAsync($"/api/me/export?{Period}&{query}");

        Assert.AreEqual(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), message);
    }

    /// <summary>The document's text as a reader sees it: a line per paragraph, table cells joined by " | ".</summary>
    internal static string WordText(W.Body body)
    {
        var text = new StringBuilder();
        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case W.Paragraph p:
                    text.Append(p.InnerText).Append('\n');
                    break;
                case W.Table t:
                    foreach (var row in t.Elements<W.TableRow>())
                    {
                        text.Append(string.Join(" | ", row.Elements<W.TableCell>().Select(c => c.InnerText))).Append('\n');
                    }
                    break;
            }
        }
        return text.ToString();
    }

    private static async Task<string> ReadAsync(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static void Golden(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("GLUE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.IsTrue(File.Exists(path), $"No golden file {path}: run once with GLUE_UPDATE_GOLDEN=1 and review it.");
        Assert.AreEqual(File.ReadAllText(path), actual, $"The packet differs from {name}; if the change is intended, rewrite it with GLUE_UPDATE_GOLDEN=1 and review the diff.");
    }
}
