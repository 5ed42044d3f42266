using Workspace.Contracts.Recommendations;
using Workspace.Convention;
using Workspace.Server.Network;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// The network view of the Convention (issue 21): for an article scope and a country, the adopted recommendations the
/// reader may read across all their groups with their follow-up per country; and the grid of countries × articles.
/// Read through the grains as the reader (<see cref="NetworkReader"/>), bounded as search is (API.md, "Network").
/// </summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        api.MapGet("/network/articles", Articles)
            .RequireRateLimiting(RateLimits.Search)
            .WithSummary("The network view of an article scope")
            .WithDescription("Adopted recommendations I may read in any of my groups whose articles fall in the scope (\"33\", \"Art. 33.2\", \"chapter:III\", \"cycle:2\"), optionally concerning one country, with their follow-up status per country.");
        api.MapGet("/network/grid", Grid)
            .RequireRateLimiting(RateLimits.Search)
            .WithSummary("The grid of countries × articles")
            .WithDescription("Per country and article of the scope: how many adopted recommendations I may read, their worst and best follow-up status, and the address of the cell's view.");
        return api;
    }

    private static async Task<NetworkArticlesAnswer> Articles(string? scope, string? country, string? lang, HttpContext c, IGrainFactory g)
    {
        var query = NetworkQuery.ForView(scope, country, lang, c.Request.Headers.AcceptLanguage);
        var reader = new NetworkReader(g, c.User.UserId());
        var found = (await reader.Adopted())
            .Where(f => query.Covers(f.Summary.Facts.Articles) && (query.Countries.Count == 0 || f.Summary.Facts.Countries.Contains(query.Countries[0])))
            .OrderBy(f => f.Summary.Facts.Title, StringComparer.Ordinal)
            .ThenBy(f => f.Group.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Summary.Id)
            .ToArray();
        if (found.Length > NetworkReader.MaxThreads)
        {
            reader.Cut();
        }

        var threads = await Task.WhenAll(found.Take(NetworkReader.MaxThreads).Select(f => reader.Thread(f.Summary.Id)));
        var items = found.Zip(threads)
            .Where(p => p.Second is not null)
            .Select(p => Item(p.First, p.Second!, query))
            .ToArray();
        return new NetworkArticlesAnswer(query.Scope, NetworkScope.Of(query), query.Countries.FirstOrDefault(), items, items.Length, reader.Partial);
    }

    private static async Task<NetworkGrid> Grid(string? scope, string? countries, string? lang, HttpContext c, IGrainFactory g)
    {
        var query = NetworkQuery.ForGrid(scope, countries, lang, c.Request.Headers.AcceptLanguage);
        var reader = new NetworkReader(g, c.User.UserId());

        return CountryArticleGrid.Build((await reader.Adopted()).Select(f => f.Summary), query, reader.Partial);
    }

    private static NetworkRecommendation Item(NetworkFound found, RecommendationView thread, NetworkQuery query)
    {
        var facts = thread.Summary.Facts;
        var followUp = thread.FollowUp
            .Where(f => query.Countries.Count == 0 || query.Countries.Contains(f.Country))
            .Select(f => new NetworkCountryStatus(f.Country, f.Status, f.Updates.Count == 0 ? null : f.Updates.Max(u => u.Date)))
            .ToArray();
        var articles = facts.Articles.Select(Uncac.Reference).OfType<string>().Distinct().OrderBy(Uncac.Order)
            .Select(reference => new NetworkArticle(reference, Uncac.ArticleOf(reference), Uncac.Label(reference, query.Language), query.Articles.Contains(Uncac.ArticleOf(reference))))
            .ToArray();
        return new NetworkRecommendation(
            thread.Summary.Id, facts.Title, found.Group, articles, followUp, thread.Adoption?.At, $"/recommendations/{thread.Summary.Id}");
    }
}

/// <summary>
/// The view of an article scope: <c>scope</c> as asked, what it names, the country when one was asked, the adopted
/// recommendations (title order), <c>total</c> of them and <c>partial</c> when a bound left something unread.
/// </summary>
public sealed record NetworkArticlesAnswer(
    string Scope, NetworkScope Named, string? Country, IReadOnlyList<NetworkRecommendation> Recommendations, int Total, bool Partial);

/// <summary>
/// What a scope names: <c>kind</c> "article", "chapter", "cycle" or "all"; the chapter (for a chapter or an article) or the
/// cycle; and every article it holds, with its title in the asked language (none listed for "all": the whole Convention).
/// </summary>
public sealed record NetworkScope(string Kind, NetworkChapter? Chapter, int? Cycle, IReadOnlyList<NetworkArticle> Articles)
{
    public static NetworkScope Of(NetworkQuery query)
    {
        var text = query.Scope.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = query.Scope == NetworkQuery.AllArticles ? "all" : colon < 0 ? "article" : text[..colon].Trim().ToLowerInvariant();
        var articles = kind == "all" ? [] // the whole Convention: not listed again in every grid
            : query.Articles.Order().Select(a => new NetworkArticle($"Art. {a}", a, Uncac.Label($"Art. {a}", query.Language), true)).ToArray();
        var chapter = kind switch
        {
            "chapter" => Uncac.ChapterNamed(text[(colon + 1)..]),
            "article" => Uncac.ChapterOf(articles[0].Article),
            _ => null,
        };
        int? cycle = kind == "cycle" ? int.Parse(text[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
        return new NetworkScope(kind, chapter is null ? null : new NetworkChapter(chapter.Number, chapter.Roman, chapter.Title.In(query.Language)), cycle, articles);
    }
}

public sealed record NetworkChapter(int Number, string Roman, string Title);

/// <summary>An article reference as the recommendation holds it ("Art. 33.2"), its article, its label, and whether it falls in the scope.</summary>
public sealed record NetworkArticle(string Reference, int Article, string Label, bool InScope);

/// <summary>
/// An adopted recommendation: its group, its articles, its follow-up per country (only the asked country when one was
/// asked) with the date of the latest update, when it was adopted, and the client's path to its thread.
/// </summary>
public sealed record NetworkRecommendation(
    Guid Id, string Title, SearchGroup Group, IReadOnlyList<NetworkArticle> Articles, IReadOnlyList<NetworkCountryStatus> FollowUp,
    DateTimeOffset? AdoptedAt, string Link);

public sealed record NetworkCountryStatus(string Country, FollowUpStatus Status, DateOnly? LastUpdate);

/// <summary>
/// The grid: columns grouped by chapter (only articles with an adopted recommendation for a row's country, in article
/// order), one row per country, and <c>total</c>: the distinct recommendations counted in it.
/// </summary>
public sealed record NetworkGrid(
    string Scope, NetworkScope Named, IReadOnlyList<NetworkGridChapter> Chapters, IReadOnlyList<NetworkGridRow> Rows, int Total, bool Partial);

public sealed record NetworkGridChapter(int Number, string Roman, string Title, IReadOnlyList<NetworkGridColumn> Articles);

/// <summary>A column: the article, and <c>total</c>: the distinct recommendations on it concerning any row's country.</summary>
public sealed record NetworkGridColumn(int Article, string Reference, string Label, int Total, string Link);

/// <summary>A row: the country, its cells in column order, and <c>total</c>: the distinct recommendations concerning it.</summary>
public sealed record NetworkGridRow(string Country, IReadOnlyList<NetworkGridCell> Cells, int Total);

/// <summary>
/// A cell: <c>count</c> adopted recommendations concerning the country and the article; the <c>worst</c> and <c>best</c>
/// follow-up status among them for that country (see <see cref="CountryArticleGrid.WorstToBest"/>), <c>noInformation</c>: how many
/// have "no information"; <c>link</c>: the cell's view. An empty cell has null statuses and no link.
/// </summary>
public sealed record NetworkGridCell(int Article, int Count, FollowUpStatus? Worst, FollowUpStatus? Best, int NoInformation, string? Link);
