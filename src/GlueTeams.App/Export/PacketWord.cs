using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GlueTeams.App.Export;

/// <summary>
/// The packet as a Word document (DocumentFormat.OpenXml): real headings (Title, Heading 1-3 styles, so Word's
/// navigation pane and screen readers see the structure), bulleted lists, tables, quotes, links, and the chart
/// embedded as a PNG picture.
/// </summary>
public static class PacketWord
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int BulletNumberingId = 1;
    private const long EmuPerPixel = 9525;
    private const long MaxPictureWidthEmu = 6_000_000; // about 16.5 cm: the text width of an A4 page with 2 cm margins

    public static byte[] Render(PacketDocument document, int chartWidth = 900, int chartHeight = 420)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = document.Title;
            word.PackageProperties.Creator = "GlueTeams";
            var main = word.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body());
            AddStyles(main);
            AddBulletNumbering(main);
            var body = main.Document.Body!;
            foreach (var block in document.Blocks)
            {
                foreach (var element in Elements(main, block, document, chartWidth, chartHeight))
                {
                    body.Append(element);
                }
            }
            body.Append(new W.SectionProperties(
                new W.PageSize { Width = 11906U, Height = 16838U },
                new W.PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 708U, Footer = 708U, Gutter = 0U }));
        }
        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Elements(MainDocumentPart main, PacketBlock block, PacketDocument document, int chartWidth, int chartHeight)
    {
        switch (block)
        {
            case Heading h:
                yield return Paragraph(main, h.Runs, h.Level == 1 ? "Title" : "Heading" + Math.Clamp(h.Level - 1, 1, 3));
                break;
            case Paragraph p:
                yield return Paragraph(main, p.Runs);
                break;
            case Bullets b:
                foreach (var item in b.Items)
                {
                    var paragraph = Paragraph(main, item, "ListParagraph");
                    paragraph.ParagraphProperties!.Append(new W.NumberingProperties(new W.NumberingLevelReference { Val = 0 }, new W.NumberingId { Val = BulletNumberingId }));
                    yield return paragraph;
                }
                break;
            case Quote q:
                yield return Paragraph(main, [Export.Run.Ours("“"), .. q.Text, Export.Run.Ours("”")], "Quote");
                yield return Paragraph(main, [Export.Run.Ours("— "), .. q.Attribution], "Quote");
                break;
            case Table t:
                yield return Table(main, t);
                break;
            case Chart c:
                yield return new W.Paragraph(new W.Run(Picture(main, document.ChartPng, c.AltText, chartWidth, chartHeight)));
                break;
        }
    }

    private static W.Paragraph Paragraph(MainDocumentPart main, IEnumerable<Run> runs, string? style = null)
    {
        var paragraph = new W.Paragraph(new W.ParagraphProperties(style is null ? [] : [new W.ParagraphStyleId { Val = style }]));
        foreach (var run in runs)
        {
            paragraph.Append(RunElement(main, run));
        }
        return paragraph;
    }

    private static OpenXmlElement RunElement(MainDocumentPart main, Run run)
    {
        var properties = new W.RunProperties();
        if (run.Bold)
        {
            properties.Append(new W.Bold());
        }
        if (run.Link is not null)
        {
            properties.Append(new W.Color { Val = "0563C1" }, new W.Underline { Val = W.UnderlineValues.Single });
        }
        var text = new W.Run(properties, new W.Text(XmlSafe(run.Text)) { Space = SpaceProcessingModeValues.Preserve });
        if (run.Link is not { } link)
        {
            return text;
        }
        var relationship = main.AddHyperlinkRelationship(link, isExternal: true);
        return new W.Hyperlink(text) { Id = relationship.Id, History = true };
    }

    private static W.Table Table(MainDocumentPart main, Table table)
    {
        var border = () => new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 });
        var result = new W.Table(new W.TableProperties(border(), new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }));
        var header = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
        foreach (var name in table.Header)
        {
            header.Append(new W.TableCell(Paragraph(main, [Export.Run.Strong(name)])));
        }
        result.Append(header);
        foreach (var row in table.Rows)
        {
            var tableRow = new W.TableRow();
            foreach (var cell in row)
            {
                tableRow.Append(new W.TableCell(Paragraph(main, cell)));
            }
            result.Append(tableRow);
        }
        return result;
    }

    private static W.Drawing Picture(MainDocumentPart main, byte[] png, string altText, int width, int height)
    {
        var image = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png))
        {
            image.FeedData(data);
        }
        var cx = Math.Min(width * EmuPerPixel, MaxPictureWidthEmu);
        var cy = cx * height / width;
        return new W.Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = 1U, Name = "Chart", Description = altText },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = PacketMarkdown.ChartFileName, Description = altText },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = new W.Styles(
            new W.DocDefaults(new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                new W.RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" }, new W.FontSize { Val = "22" }))),
            Style("Normal", "Normal", null, null),
            Style("Title", "Title", 0, "40"),
            Style("Heading1", "heading 1", 0, "32"),
            Style("Heading2", "heading 2", 1, "26"),
            Style("Heading3", "heading 3", 2, "24"),
            Style("ListParagraph", "List Paragraph", null, null),
            new W.Style(new W.StyleName { Val = "Quote" }, new W.BasedOn { Val = "Normal" },
                new W.StyleParagraphProperties(new W.Indentation { Left = "567", Right = "567" }),
                new W.StyleRunProperties(new W.Italic()))
            { Type = W.StyleValues.Paragraph, StyleId = "Quote" });
        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }

    private static W.Style Style(string id, string name, int? outlineLevel, string? size)
    {
        var style = new W.Style(new W.StyleName { Val = name }) { Type = W.StyleValues.Paragraph, StyleId = id };
        if (id != "Normal")
        {
            style.Append(new W.BasedOn { Val = "Normal" }, new W.NextParagraphStyle { Val = "Normal" });
        }
        if (outlineLevel is { } level)
        {
            style.Append(new W.StyleParagraphProperties(new W.KeepNext(), new W.SpacingBetweenLines { Before = "240", After = "120" }, new W.OutlineLevel { Val = level }));
        }
        if (size is not null)
        {
            style.Append(new W.StyleRunProperties(new W.Bold(), new W.FontSize { Val = size }));
        }
        return style;
    }

    private static void AddBulletNumbering(MainDocumentPart main)
    {
        var abstractNumber = new W.AbstractNum(new W.Level(
            new W.NumberingFormat { Val = W.NumberFormatValues.Bullet },
            new W.LevelText { Val = "•" },
            new W.LevelJustification { Val = W.LevelJustificationValues.Left },
            new W.PreviousParagraphProperties(new W.Indentation { Left = "720", Hanging = "360" }))
        { LevelIndex = 0 })
        { AbstractNumberId = 1 };
        main.AddNewPart<NumberingDefinitionsPart>().Numbering = new W.Numbering(abstractNumber,
            new W.NumberingInstance(new W.AbstractNumId { Val = 1 }) { NumberID = BulletNumberingId });
    }

    /// <summary>XML 1.0 cannot carry most control characters; a name from the directory could hold one.</summary>
    private static string XmlSafe(string text) => text.All(IsKept) ? text : new string(text.Where(IsKept).ToArray());

    private static bool IsKept(char c) => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c);
}
