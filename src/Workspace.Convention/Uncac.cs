using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workspace.Convention;

/// <summary>One chapter of the Convention: its number (1–8), Roman numeral, first and last article and titles.</summary>
public sealed record Chapter(int Number, string Roman, int First, int Last, Titles Title)
{
    public IEnumerable<int> Articles => Enumerable.Range(First, Last - First + 1);
}

/// <summary>One article: its number (1–71), the chapter it belongs to and its titles.</summary>
public sealed record Article(int Number, int Chapter, Titles Title);

/// <summary>A review cycle of the Implementation Review Mechanism and the chapters it reviews.</summary>
public sealed record ReviewCycle(int Number, IReadOnlyList<int> Chapters);

/// <summary>A title in the catalogue's three languages.</summary>
public sealed record Titles(string En, string Es, string Pt)
{
    /// <summary>The title in <paramref name="language"/> ("es", "pt-BR", …); English for any other language.</summary>
    public string In(string? language) => (language ?? "en").ToLowerInvariant() switch
    {
        var l when l.StartsWith("es", StringComparison.Ordinal) => Es,
        var l when l.StartsWith("pt", StringComparison.Ordinal) => Pt,
        _ => En,
    };
}

/// <summary>
/// The UN Convention against Corruption as data (uncac.json, sources in SOURCES.md): 8 chapters,
/// 71 articles with titles in en/es/pt, the two review cycles, and the one way article references are
/// read ("Art. 33", "art 8.4", "Article 13.2", "artículo 5", "13.2" → "Art. 13.2") and scopes expanded
/// ("chapter:III", "cycle:2" → the articles they hold).
/// </summary>
public static partial class Uncac
{
    public const int LastArticle = 71;

    /// <summary>Paragraphs run up to 30 (Art. 46 has 30).</summary>
    public const int LastParagraph = 30;

    private static readonly Catalogue Data = Load();

    public static IReadOnlyList<Chapter> Chapters => Data.Chapters;

    public static IReadOnlyList<Article> Articles => Data.Articles;

    public static IReadOnlyList<ReviewCycle> Cycles => Data.Cycles;

    /// <summary>Where each language's titles were taken from.</summary>
    public static IReadOnlyDictionary<string, string> Sources => Data.Sources;

    public static Article ArticleNumber(int number) => number is >= 1 and <= LastArticle
        ? Data.Articles[number - 1]
        : throw new ArgumentOutOfRangeException(nameof(number), number, "The Convention has articles 1 to 71.");

    public static Chapter ChapterOf(int article) => Data.Chapters[ArticleNumber(article).Chapter - 1];

    /// <summary>"Art. 33", "art 8.4", "Article 13.2", "artículo 5", "artigo 5" or "13.2" → "Art. 13.2"; null when it is not a UNCAC article.</summary>
    public static string? Reference(string? reference)
    {
        var match = ReferencePattern().Match(reference ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var article = int.Parse(match.Groups["article"].Value, CultureInfo.InvariantCulture);
        if (article is < 1 or > LastArticle)
        {
            return null;
        }

        if (!match.Groups["paragraph"].Success)
        {
            return $"Art. {article}";
        }

        var paragraph = int.Parse(match.Groups["paragraph"].Value, CultureInfo.InvariantCulture);
        return paragraph is < 1 or > LastParagraph ? null : $"Art. {article}.{paragraph}";
    }

    /// <summary>The article number of a normalised reference ("Art. 13.2" → 13).</summary>
    public static int ArticleOf(string reference) => Order(reference).Article;

    /// <summary>Sorts "Art. 8.4" before "Art. 13" before "Art. 13.2".</summary>
    public static (int Article, int Paragraph) Order(string reference)
    {
        var parts = reference["Art. ".Length..].Split('.');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture),
            parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>"Art. 33.2" in Spanish → "Art. 33.2 — Protección de los denunciantes"; the reference alone when it is not one.</summary>
    public static string Label(string reference, string? language)
    {
        var normalised = Reference(reference);
        return normalised is null
            ? reference
            : $"{normalised} — {ArticleNumber(ArticleOf(normalised)).Title.In(language)}";
    }

    /// <summary>
    /// The article numbers a scope names: an article reference ("33", "Art. 33.2" → 33), a chapter
    /// ("chapter:III", "chapter:3") or a review cycle ("cycle:2"); null when it names none.
    /// </summary>
    public static IReadOnlySet<int>? Scope(string? scope)
    {
        var text = (scope ?? string.Empty).Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Reference(text) is { } reference ? new HashSet<int> { ArticleOf(reference) } : null;
        }

        var kind = text[..colon].Trim().ToLowerInvariant();
        var value = text[(colon + 1)..].Trim();
        return kind switch
        {
            "chapter" => ChapterNamed(value)?.Articles.ToHashSet(),
            "cycle" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Data.Cycles.FirstOrDefault(c => c.Number == n) is { } cycle
                ? cycle.Chapters.SelectMany(c => Data.Chapters[c - 1].Articles).ToHashSet()
                : null,
            _ => null,
        };
    }

    /// <summary>A chapter by number ("3") or Roman numeral ("III", "iii").</summary>
    public static Chapter? ChapterNamed(string? name)
    {
        var text = (name ?? string.Empty).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Data.Chapters.FirstOrDefault(c => c.Number == n)
            : Data.Chapters.FirstOrDefault(c => string.Equals(c.Roman, text, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^\s*(?:art(?:icle|ículo|iculo|igo|\.)?\s*)?(?<article>\d{1,3})(?:\.(?<paragraph>\d{1,3}))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    private static Catalogue Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Workspace.Convention.uncac.json")
            ?? throw new InvalidOperationException("uncac.json is not embedded.");
        var file = JsonSerializer.Deserialize<CatalogueFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("uncac.json is empty.");
        var chapters = file.Chapters.Select(c => new Chapter(c.Number, c.Roman, c.First, c.Last, c.Title)).ToArray();
        var articles = file.Articles
            .Select(a => new Article(a.Number, chapters.Single(c => a.Number >= c.First && a.Number <= c.Last).Number, a.Title))
            .ToArray();
        return new Catalogue(chapters, articles, file.Cycles.Select(c => new ReviewCycle(c.Number, c.Chapters)).ToArray(), file.Sources);
    }

    private sealed record Catalogue(Chapter[] Chapters, Article[] Articles, ReviewCycle[] Cycles, IReadOnlyDictionary<string, string> Sources);

    private sealed record CatalogueFile(
        Dictionary<string, string> Sources, List<CycleFile> Cycles, List<ChapterFile> Chapters, List<ArticleFile> Articles);

    private sealed record CycleFile(int Number, int[] Chapters);

    private sealed record ChapterFile(int Number, string Roman, int First, int Last, Titles Title);

    private sealed record ArticleFile(int Number, Titles Title);
}
