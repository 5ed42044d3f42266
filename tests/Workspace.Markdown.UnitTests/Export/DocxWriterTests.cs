using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Workspace.Markdown.Export;

namespace Workspace.Markdown.UnitTests.Export;

/// <summary>The .docx of a Markdown text, opened again with the OpenXML SDK: each construct is there as Word's own.</summary>
public sealed class DocxWriterTests
{
    private const string Sample = """
        # Findings

        Asset declarations are **public**, *searchable* and `free`.

        ## Steps

        - publish
        - verify
          - nested check

        1. draft
        2. adopt

        3) later list
        4) continues from three

        | Article | Status |
        |---|---|
        | 33 | partial |
        | 9 | done |

        See [the convention](https://www.unodc.org/corruption/) and [bad](javascript:alert(1)).

        A claim needs a source[^1].

        [^1]: Report of the review mechanism, 2024.
        """;

    [Fact]
    public void Headings_lists_tables_links_footnotes_and_emphasis_are_Word_constructs()
    {
        using var package = Open(DocxWriter.Write("Recommendations", Sample));
        var main = package.MainDocumentPart!;
        var body = main.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>().ToArray();

        Assert.Equal("Title", Style(paragraphs.First()));
        Assert.Equal("Heading1", Style(paragraphs.Single(p => p.InnerText == "Findings")));
        Assert.Equal("Heading2", Style(paragraphs.Single(p => p.InnerText == "Steps")));
        Assert.Contains(main.StyleDefinitionsPart!.Styles!.Elements<Style>(), s => s.StyleId == "Heading1" && s.StyleName!.Val == "heading 1");

        var emphasis = paragraphs.Single(p => p.InnerText.StartsWith("Asset", StringComparison.Ordinal)).Descendants<Run>().ToArray();
        Assert.NotNull(emphasis.Single(r => r.InnerText == "public").RunProperties!.Bold);
        Assert.NotNull(emphasis.Single(r => r.InnerText == "searchable").RunProperties!.Italic);
        Assert.Equal("CodeChar", emphasis.Single(r => r.InnerText == "free").RunProperties!.RunStyle!.Val!.Value);

        Assert.Equal(NumberFormatValues.Bullet, Format(main, paragraphs.Single(p => p.InnerText == "publish")));
        Assert.Equal(NumberFormatValues.Bullet, Format(main, paragraphs.Single(p => p.InnerText == "nested check")));
        Assert.Equal(1, paragraphs.Single(p => p.InnerText == "nested check").ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value);
        Assert.Equal(NumberFormatValues.Decimal, Format(main, paragraphs.Single(p => p.InnerText == "draft")));
        Assert.Equal(NumberId(paragraphs.Single(p => p.InnerText == "draft")), NumberId(paragraphs.Single(p => p.InnerText == "adopt")));

        // The second numbered list is a list of its own, starting at three.
        var later = NumberId(paragraphs.Single(p => p.InnerText == "later list"));
        Assert.NotEqual(NumberId(paragraphs.Single(p => p.InnerText == "draft")), later);
        var instance = main.NumberingDefinitionsPart!.Numbering!.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == later);
        Assert.Equal(3, instance.Descendants<StartOverrideNumberingValue>().Single().Val!.Value);

        var table = body.Elements<Table>().Single();
        Assert.Equal(
            [["Article", "Status"], ["33", "partial"], ["9", "done"]],
            table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToArray());
        Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());

        var link = body.Descendants<Hyperlink>().Single();
        Assert.Equal("the convention", link.InnerText);
        Assert.Equal(new Uri("https://www.unodc.org/corruption/"), main.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri);
        Assert.Contains(paragraphs, p => p.InnerText.Contains("bad", StringComparison.Ordinal) && !p.Descendants<Hyperlink>().Any(h => h.InnerText == "bad"));

        var reference = body.Descendants<FootnoteReference>().Single();
        var note = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Single(f => f.Id!.Value == reference.Id!.Value);
        Assert.Equal(" Report of the review mechanism, 2024.", note.InnerText);
        Assert.NotNull(note.Descendants<FootnoteReferenceMark>().SingleOrDefault());
        Assert.DoesNotContain(paragraphs, p => p.InnerText.Contains("review mechanism", StringComparison.Ordinal));

        Assert.Empty(new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public void Characters_XML_cannot_hold_and_text_beyond_the_limits_still_make_a_valid_file()
    {
        var deep = new string('>', 200) + " too deep";
        using var package = Open(DocxWriter.Write("Odd \u0001 title", $"Bell \u0007 and lone \uD800 surrogate.\n\n{deep}"));
        var text = package.MainDocumentPart!.Document.Body!.InnerText;

        Assert.Contains("Bell", text, StringComparison.Ordinal);
        Assert.Contains("too deep", text, StringComparison.Ordinal);
        Assert.Contains(MarkdownRenderer.Notice, text, StringComparison.Ordinal);
        Assert.Equal("Odd  title", package.PackageProperties.Title);
        Assert.Empty(new OpenXmlValidator().Validate(package).Select(e => e.Description));
    }

    [Fact]
    public void An_image_is_a_link_to_where_it_is_never_embedded()
    {
        using var package = Open(DocxWriter.Write("Images", "![chart](https://tracker.example/pixel.png) ![local](data:image/png;base64,AAAA)"));
        var main = package.MainDocumentPart!;

        Assert.Empty(main.ImageParts);
        Assert.Equal([new Uri("https://tracker.example/pixel.png")], main.HyperlinkRelationships.Select(r => r.Uri).ToArray());
        Assert.Contains("[local]", main.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_cited_twice_is_written_for_each_citation_and_a_note_may_hold_a_list()
    {
        using var package = Open(DocxWriter.Write("Notes", "First[^a], again[^a], other[^b].\n\n[^a]: Shared source.\n\n[^b]:\n    - one\n    - two"));
        var main = package.MainDocumentPart!;
        var references = main.Document.Body!.Descendants<FootnoteReference>().Select(r => r.Id!.Value).ToArray();
        var notes = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(f => f.Id!.Value > 0).ToDictionary(f => f.Id!.Value, f => f.InnerText);

        Assert.Equal(3, references.Distinct().Count());
        Assert.Equal(" Shared source.", notes[references[0]]);
        Assert.Equal(" Shared source.", notes[references[1]]);
        Assert.Contains("one", notes[references[2]], StringComparison.Ordinal);
        Assert.Contains("two", notes[references[2]], StringComparison.Ordinal);
        Assert.Empty(new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static string? Style(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static int NumberId(Paragraph paragraph) => paragraph.ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value;

    private static NumberFormatValues Format(MainDocumentPart main, Paragraph paragraph)
    {
        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        var properties = paragraph.ParagraphProperties!.NumberingProperties!;
        var instance = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == properties.NumberingId!.Val!.Value);
        var list = numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == instance.AbstractNumId!.Val!.Value);
        return list.Elements<Level>().Single(l => l.LevelIndex!.Value == properties.NumberingLevelReference!.Val!.Value).NumberingFormat!.Val!.Value;
    }
}
