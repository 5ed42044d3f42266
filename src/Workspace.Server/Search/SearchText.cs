using System.Globalization;
using System.Text;

namespace Workspace.Server.Search;

/// <summary>
/// What a search looks for: the query's words, folded (lower case, accents removed), all of which must
/// occur in an item. Plain matching over plain text, no grains: "Proteccion" finds "Protección".
/// </summary>
public sealed class SearchText
{
    /// <summary>More words than this are ignored (the rest of the query still has to be valid).</summary>
    public const int MaxTerms = 10;

    /// <summary>Characters of a snippet around the first hit, about.</summary>
    public const int SnippetLength = 160;

    private SearchText(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>The folded words, longest first (a longer word's hit is marked over a shorter one inside it).</summary>
    public IReadOnlyList<string> Terms { get; }

    public static SearchText Parse(string query) => new(
        Folded.Of(query).Text
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .OrderByDescending(t => t.Length)
            .ToArray());

    /// <summary>
    /// How <paramref name="title"/> and <paramref name="body"/> answer the query: null unless every word occurs in
    /// one of them. The body is scanned up to <paramref name="maxScanned"/> characters.
    /// </summary>
    public Match? Find(string title, string? body, bool titleCounts, int maxScanned)
    {
        var foldedTitle = Folded.Of(titleCounts ? title : string.Empty);
        var scanned = body is null ? string.Empty : body.Length > maxScanned ? body[..CutAt(body, maxScanned)] : body;
        var foldedBody = Folded.Of(scanned);
        var inTitle = 0;
        foreach (var term in Terms)
        {
            var titleHas = foldedTitle.Text.Contains(term, StringComparison.Ordinal);
            if (!titleHas && !foldedBody.Text.Contains(term, StringComparison.Ordinal))
            {
                return null;
            }

            inTitle += titleHas ? 1 : 0;
        }

        var rank = inTitle == Terms.Count ? 2 : inTitle > 0 ? 1 : 0;
        var (snippet, highlights) = Snippet(scanned, foldedBody);
        return new Match(rank, snippet, highlights);
    }

    /// <summary>About <see cref="SnippetLength"/> characters of plain text around the first hit in <paramref name="text"/>, or its start.</summary>
    private (string Snippet, IReadOnlyList<(int Start, int Length)> Highlights) Snippet(string text, Folded folded)
    {
        var first = -1;
        foreach (var term in Terms)
        {
            var at = folded.Text.IndexOf(term, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || folded.Map[at] < first))
            {
                first = folded.Map[at];
            }
        }

        var start = first < 0 ? 0 : Math.Max(0, first - (SnippetLength / 3));
        if (start > 0)
        {
            // Begin at a word: after the nearest space within a few characters back.
            var space = text.LastIndexOfAny([' ', '\n', '\t'], start, Math.Min(start + 1, 20));
            start = space >= 0 ? space + 1 : start;
        }

        if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        var end = Math.Min(text.Length, start + SnippetLength);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, Math.Min(end - start, 25));
            end = space > start ? space : CutAt(text, end);
        }

        // Original positions of every hit, so they survive the clean-up below.
        var marked = new bool[end - start];
        foreach (var term in Terms)
        {
            for (var at = folded.Text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.Text.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                var from = folded.Map[at];
                var to = folded.Map[at + term.Length - 1] + 1;
                if (from >= end)
                {
                    break;
                }

                for (var i = Math.Max(from, start); i < Math.Min(to, end); i++)
                {
                    marked[i - start] = true;
                }
            }
        }

        // Plain text on one line: runs of white space become one space; Markdown's marks outside hits go.
        var output = new StringBuilder(end - start + 2);
        var highlights = new List<(int Start, int Length)>();
        if (start > 0)
        {
            output.Append('…');
        }

        var pendingSpace = false;
        var lineStart = start == 0 || text[start - 1] == '\n';
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var hit = marked[i - start];
            if (!hit && char.IsWhiteSpace(c))
            {
                pendingSpace = output.Length > 0;
                lineStart |= c == '\n';
                continue;
            }

            // Emphasis, code and table marks anywhere; heading and quote marks where a line starts.
            if (!hit && (c is '*' or '`' or '~' or '|' || (lineStart && c is '#' or '>')))
            {
                continue;
            }

            lineStart = false;

            if (pendingSpace)
            {
                output.Append(' ');
                pendingSpace = false;
            }

            if (hit && (i == start || !marked[i - start - 1] || highlights.Count == 0))
            {
                highlights.Add((output.Length, 0));
            }

            output.Append(c);
            if (hit)
            {
                highlights[^1] = (highlights[^1].Start, output.Length - highlights[^1].Start);
            }
        }

        if (end < text.Length)
        {
            output.Append('…');
        }

        return (output.ToString(), highlights);
    }

    /// <summary>A cut that never splits a surrogate pair.</summary>
    private static int CutAt(string text, int at) => at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;

    /// <summary>How well an item answers: 2 every word in the title, 1 some, 0 only in the text; a snippet with its hits marked.</summary>
    public sealed record Match(int Rank, string Snippet, IReadOnlyList<(int Start, int Length)> Highlights);

    /// <summary>A text folded for matching, with the position in the original text of each folded character.</summary>
    private sealed record Folded(string Text, int[] Map)
    {
        public static Folded Of(string text)
        {
            var folded = new StringBuilder(text.Length);
            var map = new List<int>(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c < 0x80 || char.IsSurrogate(c))
                {
                    folded.Append(char.ToLowerInvariant(c));
                    map.Add(i);
                    continue;
                }

                foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(d) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                    {
                        folded.Append(char.ToLowerInvariant(d));
                        map.Add(i);
                    }
                }
            }

            return new Folded(folded.ToString(), [.. map]);
        }
    }
}
