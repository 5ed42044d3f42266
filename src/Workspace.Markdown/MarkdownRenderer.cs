using System.Globalization;
using System.Net;
using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;

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
    /// <summary>The one pipeline; exporters walk the syntax tree it builds so every format reads the text alike.</summary>
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
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

    private const int SanitiseBatch = 16_384;

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Renders and sanitises any text without failing. Never returns script, event handlers, styles or unsafe URLs.</summary>
    public string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Sanitise(TryMarkdig(markdown) ?? RenderInParts(markdown));
    }

    /// <summary>True when the text cannot be rendered as Markdown in one piece: user fields refuse it.</summary>
    public static bool IsTooDeeplyNested(string markdown) =>
        MarkdownLimits.Depth(markdown) > MarkdownLimits.MaxDepth || TryMarkdig(markdown) is null;

    /// <summary>
    /// Markdig's HTML, one piece per top-level block (each balanced), or null when the text is beyond the
    /// limits or Markdig refuses it.
    /// </summary>
    private static List<string>? TryMarkdig(string markdown)
    {
        if (!MarkdownLimits.Fits(markdown))
        {
            return null;
        }

        try
        {
            var document = Markdig.Markdown.Parse(markdown, Pipeline);
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var renderer = new HtmlRenderer(writer);
            Pipeline.Setup(renderer);
            var pieces = new List<string>(document.Count);
            foreach (var block in document)
            {
                renderer.Render(block);
                writer.Flush();
                pieces.Add(writer.ToString());
                writer.GetStringBuilder().Clear();
            }

            return pieces;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Markdig's depth limit (ArgumentException) or any other refusal: the caller shows the text as typed.
            return null;
        }
    }

    /// <summary>Each top-level part on its own, so one unreadable part does not take the rest of the text with it.</summary>
    private static List<string> RenderInParts(string markdown)
    {
        var pieces = new List<string>();
        foreach (var part in MarkdownParts.Split(markdown))
        {
            if (TryMarkdig(part) is { } rendered)
            {
                pieces.AddRange(rendered);
            }
            else
            {
                pieces.Add($"<p class=\"markdown-notice\">{WebUtility.HtmlEncode(Notice)}</p>\n<pre class=\"markdown-unrendered\">{WebUtility.HtmlEncode(part.TrimEnd())}</pre>\n");
            }
        }

        return pieces;
    }

    /// <summary>
    /// Sanitises whole blocks in batches of about <see cref="SanitiseBatch"/> characters: HtmlSanitizer's
    /// time grows with the square of the elements it is given (a 1,000,000-character document of short
    /// paragraphs took over a minute in one piece).
    /// </summary>
    private string Sanitise(List<string> pieces)
    {
        var html = new StringBuilder();
        var batch = new StringBuilder();
        foreach (var piece in pieces)
        {
            batch.Append(piece);
            if (batch.Length >= SanitiseBatch)
            {
                html.Append(_sanitizer.Sanitize(batch.ToString()));
                batch.Clear();
            }
        }

        return batch.Length > 0 || html.Length == 0 ? html.Append(_sanitizer.Sanitize(batch.ToString())).ToString() : html.ToString();
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
