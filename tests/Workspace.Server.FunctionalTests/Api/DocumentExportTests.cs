using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;
using Workspace.Server.Web;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// GET /api/documents/{id}/export?format=md|html|docx over HTTP against a text typed through the live hub:
/// the .docx reopened with the OpenXML SDK, the HTML searched for anything it could load, and the refusals.
/// </summary>
public sealed partial class DocumentExportTests : HostedTest
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly string Text = string.Join("\n\n",
        "# Asset declarations",
        "## What we ask",
        "- publish every declaration\n- verify a sample each year",
        "1. draft the rule\n2. adopt it",
        "| Country | Status |\n|---|---|\n| Mexico | partial |\n| Peru | done |",
        "Read [the convention](https://www.unodc.org/corruption/) and [this](javascript:alert(1)).",
        "Most registries are **not** searchable[^src].",
        "![tracker](https://tracker.example/pixel.png) <img src=\"https://raw.example/x.gif\"> <script>alert(2)</script>",
        "[^src]: Review mechanism, second cycle, 2024.");

    [Fact]
    public async Task The_docx_export_holds_headings_lists_a_table_links_and_the_footnote()
    {
        var (live, api) = await Typed(Text);
        await using var _ = live;

        using var response = await api.Get($"/api/documents/{live.DocumentId}/export?format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        AssertPrivateAttachment(response, "Recommendations on asset declarations.docx");

        using var package = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var main = package.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Descendants<Paragraph>().ToArray();
        string? Style(string text) => paragraphs.Single(p => p.InnerText == text).ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        NumberFormatValues Numbering(string text)
        {
            var properties = paragraphs.Single(p => p.InnerText == text).ParagraphProperties!.NumberingProperties!;
            var numbering = main.NumberingDefinitionsPart!.Numbering!;
            var instance = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == properties.NumberingId!.Val!.Value);
            var list = numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == instance.AbstractNumId!.Val!.Value);
            return list.Elements<Level>().Single(l => l.LevelIndex!.Value == properties.NumberingLevelReference!.Val!.Value).NumberingFormat!.Val!.Value;
        }

        Assert.Equal("Heading1", Style("Asset declarations"));
        Assert.Equal("Heading2", Style("What we ask"));
        Assert.Equal(NumberFormatValues.Bullet, Numbering("publish every declaration"));
        Assert.Equal(NumberFormatValues.Bullet, Numbering("verify a sample each year"));
        Assert.Equal(NumberFormatValues.Decimal, Numbering("draft the rule"));
        Assert.Equal(NumberFormatValues.Decimal, Numbering("adopt it"));
        var cells = main.Document.Body!.Descendants<TableCell>().Select(c => c.InnerText).ToArray();
        Assert.Equal(["Country", "Status", "Mexico", "partial", "Peru", "done"], cells);
        var link = main.Document.Body.Descendants<Hyperlink>().Single(h => h.InnerText == "the convention");
        Assert.Equal(new Uri("https://www.unodc.org/corruption/"), main.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri);
        Assert.DoesNotContain(main.HyperlinkRelationships, r => r.Uri.Scheme == "javascript");
        Assert.Null(main.Document.Body.Descendants<Hyperlink>().FirstOrDefault(h => h.InnerText == "this"));
        var reference = main.Document.Body.Descendants<FootnoteReference>().Single();
        var note = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Single(f => f.Id!.Value == reference.Id!.Value);
        Assert.Contains("Review mechanism, second cycle, 2024.", note.InnerText, StringComparison.Ordinal);
        Assert.NotNull(paragraphs.Single(p => p.InnerText.StartsWith("Most registries", StringComparison.Ordinal)).Descendants<Run>().Single(r => r.InnerText == "not").RunProperties!.Bold);
        Assert.Empty(main.ImageParts);
    }

    [Fact]
    public async Task The_html_export_is_one_script_free_file_that_loads_nothing_and_the_markdown_is_the_text()
    {
        var (live, api) = await Typed(Text);
        await using var _ = live;

        using var response = await api.Get($"/api/documents/{live.DocumentId}/export?format=html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertPrivateAttachment(response, "Recommendations on asset declarations.html");
        var header = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'", header, StringComparison.Ordinal);
        Assert.Contains("sandbox", header, StringComparison.Ordinal);

        var head = Regex.Match(html, @"<head>\s*(?<first><meta[^>]*>)", RegexOptions.Singleline).Groups["first"].Value;
        Assert.Contains("http-equiv=\"Content-Security-Policy\"", head, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:", head, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("Review mechanism, second cycle", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=", html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        var resources = ResourceUrl().Matches(html).Select(m => m.Value).ToArray();
        Assert.True(resources.Length == 0, string.Join(", ", resources));
        Assert.Contains("href=\"https://www.unodc.org/corruption/\"", html, StringComparison.Ordinal);

        using var markdown = await api.Get($"/api/documents/{live.DocumentId}/export?format=md");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        AssertPrivateAttachment(markdown, "Recommendations on asset declarations.md");
        Assert.Equal(Text, Encoding.UTF8.GetString(await markdown.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Only_readers_get_an_export_and_an_unknown_format_is_a_typed_refusal()
    {
        var (live, api) = await Typed("Members only.");
        await using var _ = live;
        var observer = live.Cast.People["observer"].Client;
        var stranger = live.Cast.People["stranger"].Client;

        foreach (var format in new[] { "md", "html", "docx" })
        {
            using var byObserver = await observer.Get($"/api/documents/{live.DocumentId}/export?format={format}");
            using var byStranger = await stranger.Get($"/api/documents/{live.DocumentId}/export?format={format}");
            using var unknown = await api.Get($"/api/documents/{Guid.NewGuid()}/export?format={format}");
            await Problem.Assert(byObserver, HttpStatusCode.NotFound, ErrorCodes.DocumentNotFound);
            await Problem.Assert(byStranger, HttpStatusCode.NotFound, ErrorCodes.DocumentNotFound);
            await Problem.Assert(unknown, HttpStatusCode.NotFound, ErrorCodes.DocumentNotFound);
        }

        api.Language = "pt";
        using var pdf = await api.Get($"/api/documents/{live.DocumentId}/export?format=pdf");
        var problem = await Problem.Assert(pdf, HttpStatusCode.BadRequest, ErrorCodes.ExportFormatUnknown);
        Assert.Contains("formato de exportação", (string)problem["title"]!, StringComparison.Ordinal);

        // Once the document is open to observers, an observer reads (and exports) it like the preview.
        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { visibility = "observers" });
        using var opened = await observer.Get($"/api/documents/{live.DocumentId}/export?format=md");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Members only.", await opened.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_title_with_quotes_slashes_and_dots_makes_a_safe_file_name()
    {
        var (live, api) = await Typed("Text.");
        await using var _ = live;
        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { title = "../\"Plan\" 'B' \\ C:/año*?<>|;%" });

        using var response = await api.Get($"/api/documents/{live.DocumentId}/export?format=docx");
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Plan B C año.docx", disposition.FileNameStar);
        Assert.DoesNotMatch("[\"'/\\\\\\r\\n]", disposition.FileName!.Trim('"'));
        var raw = string.Join(", ", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', raw);
        Assert.DoesNotContain('\n', raw);

        // Titles cannot hold line breaks (the API refuses them), and names made from any stored title drop them too.
        using var refused = await live.Cast.People["facilitator"].Client.Send(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { title = "a\r\nContent-Type: text/html" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("a Content-Type text html.md", AttachmentName.From("a\r\nContent-Type: text/html", "md"));
        Assert.Equal("document.html", AttachmentName.From(" ..\"/\\\u0000 ", "html"));
        Assert.Equal("document.md", AttachmentName.From(null, "md"));
    }

    private static void AssertPrivateAttachment(HttpResponseMessage response, string fileName)
    {
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "a private text must not be cached");
    }

    /// <summary>The member typed <paramref name="text"/> through the live hub and it was acknowledged.</summary>
    private async Task<(LiveWorld Live, ApiClient Member)> Typed(string text)
    {
        var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        member.Insert(0, text);
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        return (live, live.Cast.People["member"].Client);
    }

    /// <summary>Any URL attribute but an anchor's href pointing to http(s) or protocol-relative: what a browser would load.</summary>
    [GeneratedRegex(@"<(?!a\s)[a-zA-Z][^>]*\s(src|srcset|href|poster|data|background|action)\s*=\s*[""']?\s*(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceUrl();
}
