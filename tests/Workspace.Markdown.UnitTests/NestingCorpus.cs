namespace Workspace.Markdown.UnitTests;

/// <summary>
/// Text nested far beyond what Markdig accepts (it throws past 128 levels), generated rather than
/// checked in: block quotes, lists, emphasis, brackets, links, images and the extra delimiters
/// (<c>^</c>, <c>+</c>, <c>=</c>, <c>~</c>) up to 10,000 levels. Every entry carries <see cref="Marker"/>
/// so a page can be checked for showing the text. Also used by the server's functional tests.
/// </summary>
public static class NestingCorpus
{
    /// <summary>A word every entry contains, found in whatever a reader receives.</summary>
    public const string Marker = "nestedmarker";

    public static readonly int[] Levels = [129, 1_000, 10_000];

    private static readonly (string Name, Func<int, string> Text)[] Kinds =
    [
        ("block quotes", n => Repeat(">", n) + " " + Marker),
        ("spaced block quotes", n => Repeat("> ", n) + Marker),
        ("bullet lists", n => Repeat("- ", n) + Marker),
        ("ordered lists", n => Repeat("1. ", n) + Marker),
        // Indentation grows with depth: 1,000 levels are already a million characters (the longest document).
        ("indented lists", n => string.Join("\n", Enumerable.Range(0, Math.Min(n, 1_000)).Select(i => new string(' ', 2 * i) + "- " + Marker))),
        ("quoted lists", n => Repeat("> - ", n) + Marker),
        ("emphasis runs", n => Repeat("*", n) + Marker + Repeat("*", n)),
        ("nested emphasis", n => Repeat("*a ", n) + Marker + Repeat(" b*", n)),
        ("nested strong", n => Repeat("__a ", n) + Marker + Repeat(" b__", n)),
        ("brackets", n => Repeat("[", n) + Marker + Repeat("]", n)),
        ("open brackets", n => Repeat("[", n) + Marker),
        ("links", n => Repeat("[", n) + Marker + Repeat("](https://example.org/)", n)),
        ("images", n => Repeat("![", n) + Marker + Repeat("](https://example.org/i.png)", n)),
        ("footnote references", n => Repeat("[^", n) + Marker + Repeat("]", n)),
        ("caret runs", n => Repeat("^", n) + Marker + Repeat("^", n)),
        ("plus runs", n => Repeat("+", n) + Marker + Repeat("+", n)),
        ("equals runs", n => Repeat("=", n) + Marker + Repeat("=", n)),
        ("tilde runs", n => "x " + Repeat("~", n) + Marker + Repeat("~", n)),
        ("nested superscript", n => Repeat("^a ", n) + Marker + Repeat(" b^", n)),
        ("nested inserted", n => Repeat("++a ", n) + Marker + Repeat(" b++", n)),
        ("nested marked", n => Repeat("==a ", n) + Marker + Repeat(" b==", n)),
        ("nested subscript", n => Repeat("~a ", n) + Marker + Repeat(" b~", n)),
        ("nested strikethrough", n => Repeat("~~a ", n) + Marker + Repeat(" b~~", n)),
        ("mixed", n => Repeat("> - [*^", n) + Marker),
    ];

    /// <summary>Every kind at every level whose text is at most <paramref name="maxLength"/> long (the deepest that fits otherwise).</summary>
    public static IEnumerable<(string Name, string Text)> Generate(int maxLength = int.MaxValue)
    {
        foreach (var (name, text) in Kinds)
        {
            var seen = new HashSet<int>();
            foreach (var wanted in Levels)
            {
                var levels = Fitting(text, wanted, maxLength);
                var generated = text(levels);
                if (levels > MarkdownLimits.MaxDepth && seen.Add(generated.Length))
                {
                    yield return ($"{name} ×{levels}", generated);
                }
            }
        }
    }

    /// <summary>The most levels, up to <paramref name="wanted"/>, whose text fits the length.</summary>
    private static int Fitting(Func<int, string> text, int wanted, int maxLength)
    {
        if (text(wanted).Length <= maxLength)
        {
            return wanted;
        }

        int low = 1, high = wanted;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (text(middle).Length <= maxLength)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
}
