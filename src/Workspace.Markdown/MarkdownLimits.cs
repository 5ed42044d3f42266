namespace Workspace.Markdown;

/// <summary>
/// One linear pass that tells, before Markdig runs, whether text stays within what Markdig renders
/// safely and quickly: Markdig 1.6 throws past 128 levels of nesting, its block parser is quadratic in
/// nesting depth, its emphasis matching quadratic in a paragraph's delimiters, and a wide table header
/// pads every row to its width. The estimate errs on the side of "too much"; text that does not fit is
/// shown as typed (<see cref="MarkdownRenderer"/>), and user fields nested deeper are refused.
/// </summary>
public static class MarkdownLimits
{
    /// <summary>Deepest nesting of block quotes, list levels, brackets and emphasis rendered as Markdown (Markdig's own limit is 128; reports add a level).</summary>
    public const int MaxDepth = 100;

    /// <summary>Emphasis delimiter runs and brackets in one paragraph.</summary>
    public const int MaxDelimitersPerParagraph = 256;

    /// <summary>Table cells a text may produce beyond its own length (padding short rows to the header's width).</summary>
    public const int MaxExtraTableCells = 20_000;

    /// <summary>True when the text renders as Markdown: nesting, delimiters and table size within the limits.</summary>
    public static bool Fits(string markdown) => Scan(markdown, stopEarly: true).Fits;

    /// <summary>The deepest nesting the text asks for (an upper estimate of what Markdig would build).</summary>
    public static int Depth(string markdown) => Scan(markdown, stopEarly: false).Depth;

    private static (bool Fits, int Depth) Scan(string text, bool stopEarly)
    {
        var depth = 0;
        var delimiters = 0;
        var cells = 0L;
        var paragraph = new Paragraph();
        var fence = '\0';
        var fenceLength = 0;
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(start, end - start).TrimEnd('\r');
            start = end + 1;
            var blockDepth = Containers(line, out var content);
            if (fence != '\0')
            {
                // Code: nothing in it nests or matches.
                if (Fence(content, out var closing, out var closingLength) && closing == fence && closingLength >= fenceLength)
                {
                    fence = '\0';
                }

                continue;
            }

            depth = Math.Max(depth, blockDepth);
            if (Fence(content, out fence, out fenceLength) || content.IsWhiteSpace())
            {
                cells += paragraph.TableCells;
                paragraph = new Paragraph();
            }
            else
            {
                depth = Math.Max(depth, paragraph.Add(content, blockDepth));
                delimiters = Math.Max(delimiters, paragraph.Delimiters);
            }

            if (stopEarly && (depth > MaxDepth || delimiters > MaxDelimitersPerParagraph))
            {
                return (false, depth);
            }
        }

        cells += paragraph.TableCells;
        return (depth <= MaxDepth && delimiters <= MaxDelimitersPerParagraph && cells <= MaxExtraTableCells + (long)text.Length, depth);
    }

    /// <summary>Block quotes and list markers opening the line, and indentation (a nested list needs two columns a level).</summary>
    private static int Containers(ReadOnlySpan<char> line, out ReadOnlySpan<char> content)
    {
        var i = 0;
        var columns = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            columns += line[i] == '\t' ? 4 - (columns % 4) : 1;
            i++;
        }

        var depth = columns / 2;
        while (i < line.Length)
        {
            var marker = line[i] == '>' ? 1 : ListMarker(line[i..]);
            if (marker == 0)
            {
                break;
            }

            depth++;
            i += marker;
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }
        }

        content = line[i..];
        return depth;
    }

    /// <summary>Length of a list marker (<c>-</c>, <c>+</c>, <c>*</c>, <c>1.</c>, <c>1)</c>, <c>a.</c>, <c>iv)</c>) followed by a space or the end of the line; 0 if none.</summary>
    private static int ListMarker(ReadOnlySpan<char> s)
    {
        if (s[0] is '-' or '+' or '*')
        {
            return s.Length == 1 || s[1] is ' ' or '\t' ? 1 : 0;
        }

        var n = 0;
        while (n < s.Length && n < 9 && (char.IsAsciiDigit(s[n]) || char.IsAsciiLetter(s[n])))
        {
            n++;
        }

        return n > 0 && n < s.Length && s[n] is '.' or ')' && (n + 1 == s.Length || s[n + 1] is ' ' or '\t') ? n + 1 : 0;
    }

    private static bool Fence(ReadOnlySpan<char> content, out char fence, out int length)
    {
        fence = content.Length > 0 && content[0] is '`' or '~' ? content[0] : '\0';
        length = 0;
        while (length < content.Length && content[length] == fence)
        {
            length++;
        }

        if (length < 3)
        {
            fence = '\0';
        }

        return fence != '\0';
    }

    /// <summary>The inline state of one paragraph: open brackets, unmatched emphasis openers, table shape.</summary>
    private sealed class Paragraph
    {
        private readonly List<(char Char, int Count, int Below)> _openers = [];
        private int _brackets;
        private int _blockDepth;
        private int _lines;
        private int _headerCells;
        private bool _table;
        private int _previousPipes;

        public int Delimiters { get; private set; }

        /// <summary>Cells Markdig would emit if this paragraph is a pipe table (every row padded to the header's width).</summary>
        public long TableCells => _table ? (long)_headerCells * _lines : 0;

        public int Add(ReadOnlySpan<char> content, int blockDepth)
        {
            _blockDepth = Math.Max(_blockDepth, blockDepth);
            _lines++;
            var pipes = content.Count('|');
            if (_lines == 2 && pipes > 0 && IsDelimiterRow(content))
            {
                _table = true;
                _headerCells = Math.Max(_previousPipes, pipes) + 1;
            }

            _previousPipes = pipes;
            var depth = 0;
            for (var i = 0; i < content.Length; i++)
            {
                var ch = content[i];
                switch (ch)
                {
                    case '\\':
                        i++;
                        break;
                    case '[':
                        _brackets++;
                        Delimiters++;
                        depth = Math.Max(depth, _blockDepth + _brackets + Emphasis());
                        break;
                    case ']':
                        _brackets = Math.Max(0, _brackets - 1);
                        Delimiters++;
                        break;
                    case '*' or '_' or '~' or '^' or '+' or '=':
                        var length = 1;
                        while (i + length < content.Length && content[i + length] == ch)
                        {
                            length++;
                        }

                        var before = i == 0 ? ' ' : content[i - 1];
                        var after = i + length < content.Length ? content[i + length] : ' ';
                        i += length - 1;
                        var opens = !char.IsWhiteSpace(after);
                        var closes = !char.IsWhiteSpace(before);
                        if ((!opens && !closes) || (ch == '_' && char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after)))
                        {
                            break;
                        }

                        Delimiters++;
                        if (closes)
                        {
                            depth = Math.Max(depth, _blockDepth + _brackets + Close(ch, length));
                        }

                        if (opens)
                        {
                            _openers.Add((ch, length, Emphasis()));
                        }

                        break;
                }

                if (Delimiters > MaxDelimitersPerParagraph)
                {
                    break;
                }
            }

            return depth;
        }

        private int Emphasis() => _openers.Count == 0 ? 0 : _openers[^1].Below + _openers[^1].Count;

        /// <summary>Matches a closing run with the nearest opener of the same character (as CommonMark does); returns the nesting reached.</summary>
        private int Close(char ch, int length)
        {
            var index = _openers.FindLastIndex(o => o.Char == ch);
            if (index < 0)
            {
                return 0;
            }

            var opener = _openers[index];
            var reached = opener.Below + opener.Count;
            _openers.RemoveRange(index, _openers.Count - index);
            if (opener.Count > length)
            {
                _openers.Add((ch, opener.Count - length, opener.Below));
            }

            return reached;
        }

        private static bool IsDelimiterRow(ReadOnlySpan<char> content) =>
            content.Contains('-') && !content.ContainsAnyExcept("|-: \t");
    }
}
