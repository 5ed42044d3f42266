using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workspace.Markdown.Export;

/// <summary>Inlines: runs with their formatting, hyperlinks by relationship, footnote references, and text XML can hold.</summary>
public sealed partial class DocxWriter
{
    /// <summary>The character formatting that applies where an inline sits.</summary>
    private sealed record Format(bool IsBold = false, bool IsItalic = false, bool IsStrike = false, bool IsCode = false, bool IsSuperscript = false, bool IsSubscript = false, bool IsUnderline = false, bool IsHighlight = false, bool IsLink = false)
    {
        public RunProperties Properties()
        {
            var properties = new RunProperties();
            if (IsCode || IsLink)
            {
                properties.Append(new RunStyle { Val = IsCode ? "CodeChar" : "Hyperlink" });
            }

            if (IsBold)
            {
                properties.Append(new Bold());
            }

            if (IsItalic)
            {
                properties.Append(new Italic());
            }

            if (IsStrike)
            {
                properties.Append(new Strike());
            }

            if (IsHighlight)
            {
                properties.Append(new Highlight { Val = HighlightColorValues.Yellow });
            }

            if (IsUnderline)
            {
                properties.Append(new Underline { Val = UnderlineValues.Single });
            }

            if (IsSuperscript || IsSubscript)
            {
                properties.Append(new VerticalTextAlignment { Val = IsSuperscript ? VerticalPositionValues.Superscript : VerticalPositionValues.Subscript });
            }

            return properties;
        }
    }

    private void Inlines(OpenXmlCompositeElement target, ContainerInline container, Format format)
    {
        foreach (var inline in container)
        {
            Inline(target, inline, format);
        }
    }

    private void Inline(OpenXmlCompositeElement target, Inline inline, Format format)
    {
        switch (inline)
        {
            case LiteralInline literal:
                target.Append(TextRun(literal.Content.ToString(), format.Properties()));
                break;
            case CodeInline code:
                target.Append(TextRun(code.Content, (format with { IsCode = true }).Properties()));
                break;
            case HtmlEntityInline entity:
                target.Append(TextRun(entity.Transcoded.ToString(), format.Properties()));
                break;
            case LineBreakInline lineBreak:
                target.Append(lineBreak.IsHard ? new Run(new Break()) : TextRun(" ", format.Properties()));
                break;
            case TaskList task:
                target.Append(TextRun(task.Checked ? "☒ " : "☐ ", format.Properties()));
                break;
            case FootnoteLink { IsBackLink: false } note:
                target.Append(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReference { Id = NoteId(note.Footnote) }));
                break;
            case FootnoteLink:
                break;
            case EmphasisInline emphasis:
                Inlines(target, emphasis, EmphasisFormat(format, emphasis));
                break;
            case AutolinkInline autolink:
                Link(target, autolink.IsEmail && !autolink.Url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? "mailto:" + autolink.Url : autolink.Url, format,
                    t => t.Append(TextRun(autolink.Url, (format with { IsLink = true }).Properties())));
                break;
            case LinkInline { IsImage: true } image:
                // Images are not fetched (an export loads nothing): their description, linked to where they are.
                var description = new StringBuilder();
                foreach (var literal in image.Descendants<LiteralInline>())
                {
                    description.Append(literal.Content.ToString());
                }

                Link(target, image.GetDynamicUrl?.Invoke() ?? image.Url, format,
                    t => t.Append(TextRun($"[{(description.Length > 0 ? description.ToString() : "image")}]", (format with { IsLink = t is Hyperlink }).Properties())));
                break;
            case LinkInline link:
                Link(target, link.GetDynamicUrl?.Invoke() ?? link.Url, format, t => Inlines(t, link, format with { IsLink = t is Hyperlink }));
                break;
            case ContainerInline other:
                Inlines(target, other, format);
                break;
        }
    }

    private static Format EmphasisFormat(Format format, EmphasisInline emphasis) => (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
    {
        ('*' or '_', 1) => format with { IsItalic = true },
        ('*' or '_', _) => format with { IsBold = true },
        ('~', 1) => format with { IsSubscript = true },
        ('~', _) => format with { IsStrike = true },
        ('^', _) => format with { IsSuperscript = true },
        ('+', _) => format with { IsUnderline = true },
        ('=', _) => format with { IsHighlight = true },
        _ => format,
    };

    /// <summary>A hyperlink by relationship when the URL is one a reader may follow; otherwise the content as text.</summary>
    private void Link(OpenXmlCompositeElement target, string? url, Format format, Action<OpenXmlCompositeElement> content)
    {
        if (SafeUri(url) is not { } uri)
        {
            var plain = new Paragraph();
            content(plain);
            foreach (var child in plain.ChildElements.ToArray())
            {
                child.Remove();
                target.Append(child);
            }

            return;
        }

        var relationship = _main.AddHyperlinkRelationship(uri, true);
        var hyperlink = new Hyperlink { Id = relationship.Id, History = true };
        content(hyperlink);
        target.Append(hyperlink);
    }

    private static Uri? SafeUri(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" ? uri : null;

    private static Run TextRun(string text, RunProperties properties) =>
        new(properties, new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>Text without the characters XML cannot hold (control characters, lone surrogates): a typed \u0001 must not break the file.</summary>
    internal static string XmlSafe(string text)
    {
        if (!text.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || !(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }
}
