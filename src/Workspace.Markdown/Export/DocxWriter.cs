using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdFootnote = Markdig.Extensions.Footnotes.Footnote;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableCell = Markdig.Extensions.Tables.TableCell;
using MdTableRow = Markdig.Extensions.Tables.TableRow;
using WFootnote = DocumentFormat.OpenXml.Wordprocessing.Footnote;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using WTableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WTableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace Workspace.Markdown.Export;

/// <summary>
/// A Word document (.docx) of a Markdown text, from the syntax tree of the one pipeline: headings as
/// Word's Heading styles, lists on real numbering definitions, tables, hyperlinks as relationships,
/// footnotes in the footnotes part, bold, italic, strike-through and code. Links keep only the
/// schemes the HTML sanitiser keeps (http, https, mailto); anything else stays as text. Never fails:
/// text beyond <see cref="MarkdownLimits"/> or refused by Markdig is written as typed, line by line.
/// </summary>
public sealed partial class DocxWriter
{
    private readonly MainDocumentPart _main;
    private readonly Numbering _numbering;
    private readonly Footnotes _footnotes;
    private int _nextList = 1;
    private int _notes;

    private DocxWriter(MainDocumentPart main)
    {
        _main = main;
        _numbering = DocxParts.Numbering();
        _footnotes = DocxParts.Footnotes();
    }

    /// <summary>
    /// The .docx bytes of <paramref name="markdown"/>, headed by <paramref name="title"/>; a text that
    /// begins with its own heading (a report) passes <paramref name="headed"/> and the title is then only the file's.
    /// </summary>
    public static byte[] Write(string title, string markdown, bool headed = false)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(markdown);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = XmlSafe(title);
            var main = package.AddMainDocumentPart();
            var writer = new DocxWriter(main);
            var body = headed ? new Body() : new Body(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), TextRun(title, new RunProperties())));
            writer.WriteText(body, markdown);
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxParts.Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = writer._numbering;
            main.AddNewPart<FootnotesPart>().Footnotes = writer._footnotes;
            main.AddNewPart<DocumentSettingsPart>().Settings = DocxParts.Settings();
        }

        return stream.ToArray();
    }

    private void WriteText(Body body, string markdown)
    {
        if (Parse(markdown) is { } document)
        {
            Blocks(body, document, new Context(0, null));
            return;
        }

        // As typed: the same promise the HTML renderer makes for what it cannot format.
        body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Quote" }), TextRun(MarkdownRenderer.Notice, new RunProperties())));
        foreach (var line in markdown.Split('\n'))
        {
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Code" }), TextRun(line.TrimEnd('\r'), new RunProperties())));
        }
    }

    private static MarkdownDocument? Parse(string markdown)
    {
        if (!MarkdownLimits.Fits(markdown))
        {
            return null;
        }

        try
        {
            return Markdig.Markdown.Parse(markdown, MarkdownRenderer.Pipeline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Markdig's own depth limit or any other refusal: written as typed.
            return null;
        }
    }

    /// <summary>Where a block sits: its list nesting and the list item paragraph's numbering, if it is an item's first paragraph.</summary>
    private sealed record Context(int ListDepth, (int NumberId, int Level)? Item, string? Style = null);

    private void Blocks(OpenXmlCompositeElement target, ContainerBlock container, Context context)
    {
        var first = true;
        foreach (var block in container)
        {
            Block(target, block, first ? context : context with { Item = null });
            first = false;
        }
    }

    private void Block(OpenXmlCompositeElement target, Block block, Context context)
    {
        switch (block)
        {
            case HeadingBlock heading:
                target.Append(Paragraph($"Heading{Math.Clamp(heading.Level, 1, 6)}", null, heading.Inline));
                break;
            case ParagraphBlock paragraph:
                target.Append(Paragraph(context.Style ?? (context.ListDepth > 0 ? "ListParagraph" : null), context.Item, paragraph.Inline));
                break;
            case ListBlock list:
                List(target, list, context);
                break;
            case MdTable table:
                target.Append(Table(table));
                target.Append(new Paragraph());
                break;
            case QuoteBlock quote:
                Blocks(target, quote, context with { Style = "Quote" });
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    target.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Code" }), TextRun(line.Slice.ToString(), new RunProperties())));
                }

                break;
            case ThematicBreakBlock:
                target.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "999999" }))));
                break;
            case FootnoteGroup or LinkReferenceDefinitionGroup or LinkReferenceDefinition:
                // Footnotes go to the footnotes part where they are referenced; definitions are resolved in links.
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                target.Append(Paragraph(context.Style, context.Item, leaf.Inline));
                break;
            case ContainerBlock other:
                // Definition lists and any other container: their blocks in order.
                Blocks(target, other, context);
                break;
        }
    }

    private void List(OpenXmlCompositeElement target, ListBlock list, Context context)
    {
        var numberId = _nextList++;
        var instance = new NumberingInstance(new AbstractNumId { Val = list.IsOrdered ? DocxParts.NumberedList : DocxParts.BulletList }) { NumberID = numberId };
        if (list.IsOrdered && int.TryParse(list.OrderedStart, out var start) && start != 1)
        {
            instance.Append(new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = Math.Min(context.ListDepth, DocxParts.ListLevels - 1) });
        }

        _numbering.Append(instance);
        var level = Math.Min(context.ListDepth, DocxParts.ListLevels - 1);
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var itemContext = new Context(context.ListDepth + 1, (numberId, level), context.Style);
            if (item.Count == 0 || item[0] is not ParagraphBlock)
            {
                // An item that opens with something else still shows its number or bullet.
                target.Append(new Paragraph(ListProperties(itemContext.Style ?? "ListParagraph", numberId, level)));
                itemContext = itemContext with { Item = null };
            }

            Blocks(target, item, itemContext);
        }
    }

    private static ParagraphProperties ListProperties(string style, int numberId, int level) =>
        new(new ParagraphStyleId { Val = style }, new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numberId }));

    private WTable Table(MdTable table)
    {
        var columns = Math.Max(1, table.OfType<MdTableRow>().Select(r => r.Count).DefaultIfEmpty(1).Max());
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "999999" }, new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "999999" }, new RightBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "999999" }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
        };
        var result = new WTable(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }, new TableBorders(border())),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9638 / columns).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        foreach (var row in table.OfType<MdTableRow>())
        {
            var wordRow = new WTableRow();
            if (row.IsHeader)
            {
                wordRow.Append(new TableRowProperties(new TableHeader()));
            }

            foreach (var cell in row.OfType<MdTableCell>())
            {
                var wordCell = new WTableCell();
                if (cell.ColumnSpan > 1)
                {
                    wordCell.Append(new TableCellProperties(new GridSpan { Val = cell.ColumnSpan }));
                }

                Blocks(wordCell, cell, new Context(0, null));
                if (!wordCell.Elements<Paragraph>().Any())
                {
                    wordCell.Append(new Paragraph());
                }

                if (row.IsHeader)
                {
                    foreach (var run in wordCell.Descendants<Run>())
                    {
                        (run.RunProperties ??= new RunProperties()).Bold = new Bold();
                    }
                }

                wordRow.Append(wordCell);
            }

            for (var missing = row.Sum(c => Math.Max(1, ((MdTableCell)c).ColumnSpan)); missing < columns; missing++)
            {
                wordRow.Append(new WTableCell(new Paragraph()));
            }

            result.Append(wordRow);
        }

        return result;
    }

    private Paragraph Paragraph(string? style, (int NumberId, int Level)? item, ContainerInline? inline)
    {
        var paragraph = new Paragraph();
        if (item is { } numbered)
        {
            paragraph.Append(ListProperties(style ?? "ListParagraph", numbered.NumberId, numbered.Level));
        }
        else if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        if (inline is not null)
        {
            Inlines(paragraph, inline, new Format());
        }

        return paragraph;
    }

    /// <summary>A footnote of its own for each reference: Word numbers every reference, so a note cited twice is written twice.</summary>
    private int NoteId(MdFootnote note)
    {
        var id = ++_notes;
        var wordNote = new WFootnote { Id = id };
        var holder = new Body();
        Blocks(holder, note, new Context(0, null, "FootnoteText"));
        var paragraphs = holder.ChildElements.ToArray();
        if (paragraphs.FirstOrDefault() is not Paragraph first)
        {
            first = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }));
            paragraphs = [first, .. paragraphs];
        }

        first.InsertAfter(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()), first.ParagraphProperties);
        first.InsertAfter(new Run(new Text(" ") { Space = SpaceProcessingModeValues.Preserve }), first.Elements<Run>().First());
        foreach (var paragraph in paragraphs)
        {
            paragraph.Remove();
            wordNote.Append(paragraph);
        }

        _footnotes.Append(wordNote);
        return id;
    }
}
