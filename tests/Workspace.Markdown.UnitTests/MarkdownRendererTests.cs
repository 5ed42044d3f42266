using AngleSharp.Html.Parser;

namespace Workspace.Markdown.UnitTests;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void Renders_the_extensions_people_use_in_recommendations()
    {
        var html = Renderer.Render("""
            # Recomendación 4

            | Artículo | Estado |
            |---|---|
            | Art. 33 | **adoptada** |

            - [x] Redactar
            - [ ] Adoptar

            Ver la nota[^1] y https://www.unodc.org/unodc/en/corruption/

            [^1]: CNUCC, Art. 8.4.
            """);
        var document = Parser.ParseDocument(html);

        Assert.Equal("Recomendación 4", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("adoptada", document.QuerySelector("table td strong")?.TextContent);
        var boxes = document.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.All(boxes, b => Assert.True(b.HasAttribute("disabled")));
        Assert.NotNull(document.QuerySelector("a[href='https://www.unodc.org/unodc/en/corruption/'][rel~=noopener]"));
        Assert.Contains("CNUCC, Art. 8.4.", document.QuerySelector(".footnotes")?.TextContent);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_run()
    {
        var html = Renderer.Render("Hola <b>mundo</b> <script>alert(1)</script>");
        var document = Parser.ParseDocument(html);

        Assert.Null(document.QuerySelector("b"));
        Assert.Null(document.QuerySelector("script"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent);
    }

    public static TheoryData<string> Payloads() =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](%6Aavascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[x](https://ok.example \"title\" onclick=alert(1))",
        "<details open ontoggle=alert(1)>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<<script>script>alert(1)<</script>/script>",
        "[a](<javascript:alert(1)>)",
        "<http://a.example/\" onmouseover=\"alert(1)>",
        "[x]: javascript:alert(1)\n\n[y][x]",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Xss_payloads_come_out_inert(string markdown)
    {
        var document = Parser.ParseDocument(Renderer.Render(markdown));

        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "iframe", "object", "embed", "svg", "math", "style", "form", "details", "base", "link", "meta" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    var value = attribute.Value.Trim();
                    Assert.True(
                        value.StartsWith("https://", StringComparison.Ordinal) || value.StartsWith("http://", StringComparison.Ordinal)
                        || value.StartsWith("mailto:", StringComparison.Ordinal) || value.StartsWith('#') || !value.Contains(':'),
                        $"unsafe {attribute.Name}: {value}");
                }
            }
        }
    }

    [Fact]
    public void Long_documents_render_in_one_piece()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(1, 2000).Select(i => $"Párrafo {i} con **negrita** y [enlace](https://example.org/{i})."));

        var document = Parser.ParseDocument(Renderer.Render(markdown));

        Assert.Equal(2000, document.QuerySelectorAll("p").Length);
    }
}
