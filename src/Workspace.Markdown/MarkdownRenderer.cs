using Ganss.Xss;
using Markdig;

namespace Workspace.Markdown;

/// <summary>
/// Markdown to HTML that is safe to put in any browser: one immutable Markdig pipeline (tables,
/// task lists, footnotes, auto-links; raw HTML shown as text) and then an allow-list sanitiser,
/// because Markdig is not a sanitiser (it keeps javascript: and data: URLs in links).
/// Thread-safe; build one and share it.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .UseListExtras()
        .UseDefinitionLists()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Renders and sanitises. Never returns script, event handlers, styles or unsafe URLs.</summary>
    public string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Markdig.Markdown.ToHtml(markdown, Pipeline);
        return _sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "ins", "mark",
                "sub", "sup", "a", "img", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                "input", "section", "span", "div",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "class", "type", "checked", "disabled", "start", "align", "colspan", "rowspan", "id",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                // Task-list checkboxes only, and only as read-only marks.
                if (element.LocalName == "input" && element.GetAttribute("type") != "checkbox")
                {
                    element.Remove();
                    return;
                }

                if (element.LocalName == "input")
                {
                    element.SetAttribute("disabled", "disabled");
                }

                // Footnote ids are namespaced so they cannot clobber the application's own ids.
                if (element.GetAttribute("id") is { } id && !id.StartsWith("fn", StringComparison.Ordinal))
                {
                    element.RemoveAttribute("id");
                }

                if (element.LocalName == "a" && element.HasAttribute("href") && !element.GetAttribute("href")!.StartsWith('#'))
                {
                    element.SetAttribute("rel", "nofollow noopener noreferrer");
                    element.SetAttribute("target", "_blank");
                }
            }
        };
        return sanitizer;
    }
}
