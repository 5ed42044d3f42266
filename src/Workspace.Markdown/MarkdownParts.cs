namespace Workspace.Markdown;

/// <summary>
/// Splits Markdown into top-level parts: a new part starts at a line in the first column after a
/// blank line, outside fenced code. Used only when the whole text cannot be rendered at once (link
/// references and footnotes then resolve within their part).
/// </summary>
internal static class MarkdownParts
{
    public static List<string> Split(string markdown)
    {
        var parts = new List<string>();
        var partStart = 0;
        var previousBlank = false;
        var fence = string.Empty;
        for (var start = 0; start < markdown.Length;)
        {
            var end = markdown.IndexOf('\n', start);
            var next = end < 0 ? markdown.Length : end + 1;
            var line = markdown.AsSpan(start, next - start).TrimEnd("\r\n");
            if (fence.Length == 0 && previousBlank && start > partStart && line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                parts.Add(markdown[partStart..start]);
                partStart = start;
            }

            var trimmed = line.TrimStart(' ');
            var indented = line.Length - trimmed.Length >= 4;
            if (fence.Length > 0)
            {
                if (!indented && trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = string.Empty;
                }
            }
            else if (!indented && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3].ToString();
            }

            previousBlank = fence.Length == 0 && line.IsWhiteSpace();
            start = next;
        }

        parts.Add(markdown[partStart..]);
        return parts;
    }
}
