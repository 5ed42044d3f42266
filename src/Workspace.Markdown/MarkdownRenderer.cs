using System.Net;
using System.Text;
using Ganss.Xss;
using Markdig;

namespace Workspace.Markdown;

/// <summary>
/// Markdown to HTML that is safe to put in any browser: one immutable Markdig pipeline (tables,
/// task lists, footnotes, auto-links; raw HTML shown as text) and then an allow-list sanitiser,
/// because Markdig is not a sanitiser (it keeps javascript: and data: URLs in links).
/// It never fails: a part of the text nested beyond <see cref="MarkdownLimits"/> (Markdig throws past
/// 128 levels) or too costly to parse is shown as typed, HTML-escaped, after a short notice.
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

    /// <summary>What a reader sees above text shown as typed.</summary>
    public const string Notice = "This part could not be formatted (it nests too deeply or is too complex), so it is shown as typed.";

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Renders and sanitises any text without failing. Never returns script, event handlers, styles or unsafe URLs.</summary>
    public string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = TryMarkdig(markdown) ?? RenderInParts(markdown);
        return _sanitizer.Sanitize(html);
    }

    /// <summary>True when the text cannot be rendered as Markdown in one piece: user fields refuse it.</summary>
    public static bool IsTooDeeplyNested(string markdown) =>
        MarkdownLimits.Depth(markdown) > MarkdownLimits.MaxDepth || TryMarkdig(markdown) is null;

    /// <summary>Markdig's HTML, or null when the text is beyond the limits or Markdig refuses it.</summary>
    private static string? TryMarkdig(string markdown)
    {
        if (!MarkdownLimits.Fits(markdown))
        {
            return null;
        }

        try
        {
            return Markdig.Markdown.ToHtml(markdown, Pipeline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Markdig's depth limit (ArgumentException) or any other refusal: the caller shows the text as typed.
            return null;
        }
    }

    /// <summary>Each top-level part on its own, so one unreadable part does not take the rest of the text with it.</summary>
    private static string RenderInParts(string markdown)
    {
        var html = new StringBuilder();
        foreach (var part in MarkdownParts.Split(markdown))
        {
            if (TryMarkdig(part) is { } rendered)
            {
                html.Append(rendered);
            }
            else
            {
                html.Append("<p class=\"markdown-notice\">").Append(WebUtility.HtmlEncode(Notice)).Append("</p>\n")
                    .Append("<pre class=\"markdown-unrendered\">").Append(WebUtility.HtmlEncode(part.TrimEnd())).Append("</pre>\n");
            }
        }

        return html.ToString();
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
