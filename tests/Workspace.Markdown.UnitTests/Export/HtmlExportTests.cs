using System.Text.RegularExpressions;
using Workspace.Markdown.Export;

namespace Workspace.Markdown.UnitTests.Export;

/// <summary>The HTML export is one file that loads nothing when opened and runs no script.</summary>
public sealed partial class HtmlExportTests
{
    [Fact]
    public void The_page_has_its_policy_first_inline_print_styles_and_no_resource_to_load()
    {
        var html = HtmlExport.Page("Title with <b>tags</b>", string.Join("\n\n",
            "# Heading",
            "![tracker](https://tracker.example/pixel.png) ![x](http://plain.example/x.gif)",
            "<img src=\"https://raw.example/raw.gif\">",
            "[a link](https://www.unodc.org/)",
            "<script>alert(1)</script>",
            "Note[^1].\n\n[^1]: Source."), new MarkdownRenderer());

        var head = Regex.Match(html, @"<head>\s*(?<first><meta[^>]*>)", RegexOptions.Singleline);
        Assert.Contains("http-equiv=\"Content-Security-Policy\"", head.Groups["first"].Value, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", head.Groups["first"].Value, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<title>Title with &lt;b&gt;tags&lt;/b&gt;</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ResourceAttribute(), html);
        Assert.Contains("href=\"https://tracker.example/pixel.png\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.unodc.org/\"", html, StringComparison.Ordinal);
        Assert.Contains("footnote", html, StringComparison.Ordinal);
    }

    /// <summary>Any attribute but an anchor's href that names a URL: src, srcset, poster, data, background, or an href on anything but a.</summary>
    [GeneratedRegex(@"<(?!a\s)[a-zA-Z][^>]*\s(src|srcset|href|poster|data|background)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceAttribute();
}
