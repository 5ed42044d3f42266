using System.Net;
using AngleSharp.Html.Parser;

namespace Workspace.Markdown.Export;

/// <summary>
/// A document as one self-contained HTML file: the sanitised rendering of the one pipeline, its own
/// inline styles (print rules included), and a policy first in its head that lets it load nothing from
/// anywhere. Images are not embedded or fetched: each becomes a link to where it is, so opening the
/// file tells no one that it was read.
/// </summary>
public static class HtmlExport
{
    /// <summary>What the file may load: its own inline styles and data: images, nothing else (a saved file has no headers, so it is in the file).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private const string Styles = """
        :root { color-scheme: light; }
        body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; background: #fff; }
        h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 .5em; }
        h1.export-title { margin-top: 0; font-size: 2rem; }
        a { color: #0b57d0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 4px solid #ccc; color: #444; }
        pre { background: #f4f4f4; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
        code { font-family: ui-monospace, Consolas, monospace; font-size: .92em; }
        .footnotes { font-size: .9em; border-top: 1px solid #ccc; margin-top: 2rem; }
        .markdown-notice { font-style: italic; } pre.markdown-unrendered { white-space: pre-wrap; overflow-wrap: anywhere; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11pt; color: #000; }
          a { color: #000; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
          h1, h2, h3, h4, h5, h6 { break-after: avoid; }
          table, pre, blockquote, li { break-inside: avoid; }
          thead { display: table-header-group; }
        }
        """;

    /// <summary>The standalone page of a text: <paramref name="title"/> as its title and heading, then the text rendered by <paramref name="renderer"/>.</summary>
    public static string Page(string title, string markdown, MarkdownRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return PageOfRendered(title, renderer.Render(markdown));
    }

    /// <summary>The standalone page around HTML <see cref="MarkdownRenderer.Render"/> already made (a cached preview).</summary>
    public static string PageOfRendered(string title, string sanitisedHtml)
    {
        var encodedTitle = WebUtility.HtmlEncode(title);
        return $$"""
            <!doctype html>
            <html>
            <head>
            <meta http-equiv="Content-Security-Policy" content="{{ContentSecurityPolicy}}">
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{{encodedTitle}}</title>
            <style>
            {{Styles}}
            </style>
            </head>
            <body>
            <h1 class="export-title">{{encodedTitle}}</h1>
            {{WithoutResources(sanitisedHtml)}}
            </body>
            </html>

            """;
    }

    /// <summary>Sanitised HTML with every image turned into a link to it: nothing in the file points at a resource to load.</summary>
    internal static string WithoutResources(string sanitisedHtml)
    {
        var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + sanitisedHtml);
        foreach (var image in document.QuerySelectorAll("img").ToArray())
        {
            var source = image.GetAttribute("src");
            var text = image.GetAttribute("alt") is { Length: > 0 } alt ? $"[{alt}]" : "[image]";
            if (source is { Length: > 0 } && Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                var link = document.CreateElement("a");
                link.SetAttribute("href", source);
                link.SetAttribute("rel", "nofollow noopener noreferrer");
                link.TextContent = text;
                image.Replace(link);
            }
            else
            {
                image.Replace(document.CreateTextNode(text));
            }
        }

        foreach (var element in document.QuerySelectorAll("[src], [srcset], [background], [style]").ToArray())
        {
            // The sanitiser allows none of these but src; a second guard costs nothing.
            element.RemoveAttribute("src");
            element.RemoveAttribute("srcset");
            element.RemoveAttribute("background");
            element.RemoveAttribute("style");
        }

        return document.Body!.InnerHtml;
    }
}
