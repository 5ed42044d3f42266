using System.Diagnostics;
using AngleSharp.Html.Parser;

namespace Workspace.Markdown.UnitTests;

/// <summary>Text nested beyond Markdig's limit, or costly to parse, renders as text with a notice instead of failing or stalling.</summary>
public sealed class NestingTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly HtmlParser Parser = new();

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, text) in NestingCorpus.Generate(1_000_000))
        {
            data.Add(name, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Text_nested_beyond_the_limit_renders_as_typed_with_a_notice(string name, string text)
    {
        var clock = Stopwatch.StartNew();
        var html = Renderer.Render(text);
        clock.Stop();

        var document = Parser.ParseDocument(html);
        Assert.Contains(NestingCorpus.Marker, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MarkdownRenderer.Notice, document.QuerySelector("p.markdown-notice")?.TextContent);
        Assert.Contains(NestingCorpus.Marker, document.QuerySelector("pre.markdown-unrendered")?.TextContent, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{name}: {clock.Elapsed}");
        Assert.True(MarkdownRenderer.IsTooDeeplyNested(text), name);
    }

    [Fact]
    public void The_corpus_is_what_markdig_refuses_or_crawls_through()
    {
        // Guards the corpus itself: most of it makes Markdig throw, which is what the renderer must survive.
        var refused = NestingCorpus.Generate(20_000).Count(entry =>
        {
            try
            {
                Markdig.Markdown.ToHtml(entry.Text);
                return false;
            }
            catch (ArgumentException)
            {
                return true;
            }
        });

        Assert.True(refused >= 20, $"only {refused} entries make Markdig throw");
    }

    [Fact]
    public void Nesting_within_the_limit_still_renders_as_markdown()
    {
        var quotes = Parser.ParseDocument(Renderer.Render(new string('>', MarkdownLimits.MaxDepth - 1) + " deep"));
        var lists = Parser.ParseDocument(Renderer.Render(string.Join("\n", Enumerable.Range(0, 40).Select(i => new string(' ', 2 * i) + "- item"))));
        var carets = Parser.ParseDocument(Renderer.Render("x^2^ and H~2~O, ++new++ and ==marked== and ~~gone~~"));

        Assert.Equal(MarkdownLimits.MaxDepth - 1, quotes.QuerySelectorAll("blockquote").Length);
        Assert.Equal(40, lists.QuerySelectorAll("ul").Length);
        Assert.Null(quotes.QuerySelector(".markdown-notice"));
        Assert.NotNull(carets.QuerySelector("sup"));
        Assert.NotNull(carets.QuerySelector("sub"));
        Assert.NotNull(carets.QuerySelector("mark"));
        Assert.False(MarkdownRenderer.IsTooDeeplyNested(new string('>', MarkdownLimits.MaxDepth) + " x"));
        Assert.True(MarkdownRenderer.IsTooDeeplyNested(new string('>', MarkdownLimits.MaxDepth + 1) + " x"));
    }

    [Fact]
    public void Only_the_part_that_cannot_be_formatted_is_shown_as_typed()
    {
        var html = Renderer.Render($"# Title\n\nBefore **bold**.\n\n{new string('>', 500)} {NestingCorpus.Marker}\n\n- after\n- list\n\n```\n{new string('>', 500)} in code\n```\n");
        var document = Parser.ParseDocument(html);

        Assert.Equal("Title", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("bold", document.QuerySelector("p strong")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("ul li").Length);
        Assert.Single(document.QuerySelectorAll(".markdown-notice"));
        Assert.Equal($"{new string('>', 500)} {NestingCorpus.Marker}", document.QuerySelector("pre.markdown-unrendered")?.TextContent);
        Assert.Contains("in code", document.QuerySelector("pre:not(.markdown-unrendered) code")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("</pre><script>alert(1)</script>")]
    [InlineData("[x](javascript:alert(1))")]
    public void Text_shown_as_typed_stays_inert(string payload)
    {
        var document = Parser.ParseDocument(Renderer.Render(new string('>', 300) + payload + new string('^', 300)));

        Assert.Empty(document.QuerySelectorAll("script, img, a, iframe"));
        Assert.Contains(payload, document.QuerySelector("pre.markdown-unrendered")?.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Slow() => new()
    {
        // Each is a million characters (the longest document): Markdig's work grows with the square of these.
        { "mismatched delimiters in one paragraph", Repeat("*a_ ", 250_000) },
        { "unclosed emphasis in one paragraph", Repeat("_a ", 333_333) },
        { "marked runs in one paragraph", Repeat("==a ", 250_000) },
        { "one line of block quotes", new string('>', 1_000_000) },
        { "short paragraphs with emphasis and links (sanitising)", Repeat("*x* [a](https://e.org/)\n\n", 40_000) },
        { "paragraphs of mismatched delimiters", Repeat(Repeat("*a_ ", 200) + "\n\n", 1_240) },
        { "tables padded to a wide header", Repeat("|" + Repeat("a|", 120) + "\n|" + Repeat("-|", 120) + "\n" + Repeat("|\n", 200) + "\n", 1_500) },
        // (A fifth of that: sanitising many links is slow whatever their nesting — HtmlSanitizer, not Markdig.)
        { "links nested to the limit", Repeat(Repeat("[", 90) + "x" + Repeat("](u)", 90) + "\n\n", 540) },
    };

    [Theory]
    [MemberData(nameof(Slow))]
    public void Pathological_text_renders_in_bounded_time(string name, string text)
    {
        var clock = Stopwatch.StartNew();
        var html = Renderer.Render(text);
        clock.Stop();

        Assert.True(html.Length < 50_000_000, $"{name}: {html.Length} characters of HTML");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{name}: {clock.Elapsed}");
    }

    [Theory]
    [InlineData("plain text", 0)]
    [InlineData("> > quoted", 2)]
    [InlineData(">>> x", 3)]
    [InlineData("- a\n  - b\n    - c", 3)]
    [InlineData("*a **b** c*", 3)]
    [InlineData("[a [b [c]]]", 3)]
    [InlineData("snake_case_name and C++ and 1+1=2", 0)]
    [InlineData("```\n>>>>>>>>\n```", 0)]
    public void Depth_is_estimated_from_containers_brackets_and_emphasis(string markdown, int depth) =>
        Assert.Equal(depth, MarkdownLimits.Depth(markdown));

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
}
