using Workspace.Contracts.Errors;
using Workspace.Convention;
using Workspace.Grains.Validation;

namespace Workspace.Server.Network;

/// <summary>
/// What a network question names, checked before anything is read: an article scope (whatever
/// <see cref="Uncac.Scope"/> accepts: "33", "Art. 33.2", "chapter:III", "cycle:2"), countries (ISO 3166 codes) and
/// the language of the article titles. A refusal is typed: <c>recommendation.article-unknown</c> on <c>article</c>,
/// <c>validation.country</c> on <c>country</c>/<c>countries</c>, <c>validation.language</c> on <c>lang</c>.
/// </summary>
public sealed record NetworkQuery(string Scope, IReadOnlySet<int> Articles, IReadOnlyList<string> Countries, string Language)
{
    /// <summary>The scope of the grid when none is given: the whole Convention.</summary>
    public const string AllArticles = "all";

    /// <summary>Countries of one grid at most.</summary>
    public const int MaxCountries = 250;

    public static readonly IReadOnlyList<string> Languages = ["en", "es", "pt"];

    /// <summary>Whether <paramref name="articles"/> (references as recommendations hold them) name an article of the scope.</summary>
    public bool Covers(IEnumerable<string> articles) => ArticlesOf(articles).Any(Articles.Contains);

    /// <summary>The article numbers of references ("Art. 33.2" → 33), each once, in the Convention's order; what is not an article is skipped.</summary>
    public static IEnumerable<int> ArticlesOf(IEnumerable<string> references) =>
        references.Select(Uncac.Reference).OfType<string>().Select(Uncac.ArticleOf).Distinct().Order();

    /// <summary>The view's question: a scope (required) and at most one country.</summary>
    public static NetworkQuery ForView(string? scope, string? country, string? lang, string? acceptLanguage)
    {
        var articles = ScopeOf(scope, required: true);
        var countries = string.IsNullOrWhiteSpace(country) ? [] : new[] { Country(country, "country") };
        return new NetworkQuery(scope!.Trim(), articles!, countries, LanguageOf(lang, acceptLanguage));
    }

    /// <summary>The grid's question: a scope (default: every article) and countries, comma-separated (default: none named).</summary>
    public static NetworkQuery ForGrid(string? scope, string? countries, string? lang, string? acceptLanguage)
    {
        var articles = ScopeOf(scope, required: false);
        var codes = (countries ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Country(c, "countries"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (codes.Length > MaxCountries)
        {
            throw Refused("countries", ErrorCodes.TooLong, MaxCountries);
        }

        return new NetworkQuery(
            articles is null ? AllArticles : scope!.Trim(),
            articles ?? Uncac.Articles.Select(a => a.Number).ToHashSet(),
            codes,
            LanguageOf(lang, acceptLanguage));
    }

    private static IReadOnlySet<int>? ScopeOf(string? scope, bool required)
    {
        if (string.IsNullOrWhiteSpace(scope) && !required)
        {
            return null;
        }

        return Uncac.Scope(scope) ?? throw Refused("article", ErrorCodes.ArticleUnknown);
    }

    private static string Country(string code, string field)
    {
        var upper = code.Trim().ToUpperInvariant();
        return IsoCodes.IsCountry(upper) ? upper : throw Refused(field, ErrorCodes.InvalidCountry);
    }

    /// <summary>The asked language ("pt-BR" → "pt"); without one, the first of Accept-Language the catalogue has, else English.</summary>
    private static string LanguageOf(string? lang, string? acceptLanguage)
    {
        if (!string.IsNullOrWhiteSpace(lang))
        {
            return Primary(lang) ?? throw Refused("lang", ErrorCodes.InvalidLanguage);
        }

        return (acceptLanguage ?? string.Empty).Split(',').Select(l => Primary(l.Split(';')[0])).FirstOrDefault(l => l is not null) ?? "en";
    }

    /// <summary>A typed refusal: the problem's code is the field's (a client tells a bad scope from a bad country without reading fields).</summary>
    private static WorkspaceException Refused(string field, string code, int? limit = null) =>
        new(ErrorKind.Validation, code, [new FieldError(field, code, limit)]);

    private static string? Primary(string tag)
    {
        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Languages.Contains(primary) ? primary : null;
    }
}
