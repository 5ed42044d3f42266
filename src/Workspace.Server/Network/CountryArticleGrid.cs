using Workspace.Contracts.Recommendations;
using Workspace.Convention;
using Workspace.Server.Api;

namespace Workspace.Server.Network;

/// <summary>
/// The grid of countries × articles, computed from adopted recommendations already read as the reader (no grains here):
/// rows are the asked countries (else every country of the recommendations), columns the articles of the scope that
/// have a recommendation for a row's country, each cell the count and the worst and best follow-up status.
/// </summary>
public static class CountryArticleGrid
{
    /// <summary>
    /// Follow-up statuses from worst to best. "No information" is not on this scale: a cell's worst and best are taken
    /// over the statuses that are on it, and are "no information" only when every recommendation of the cell has none.
    /// </summary>
    public static readonly IReadOnlyList<FollowUpStatus> WorstToBest =
        [FollowUpStatus.NotStarted, FollowUpStatus.InProgress, FollowUpStatus.PartiallyImplemented, FollowUpStatus.Implemented];

    /// <summary>Where a status is on <see cref="WorstToBest"/> (0: worst).</summary>
    public static int Rank(FollowUpStatus status) => WorstToBest.Select((s, i) => (s, i)).First(p => p.s == status).i;

    public static NetworkGrid Build(IEnumerable<RecommendationSummary> adopted, NetworkQuery query, bool partial)
    {
        // Each adopted recommendation of the scope, with the articles of it that fall in the scope.
        var found = adopted
            .Select(f => (Summary: f, Articles: NetworkQuery.ArticlesOf(f.Facts.Articles).Where(query.Articles.Contains).ToArray()))
            .Where(f => f.Articles.Length > 0)
            .ToArray();
        var rows = query.Countries.Count > 0
            ? query.Countries.Order(StringComparer.Ordinal).ToArray()
            : found.SelectMany(f => f.Summary.Facts.Countries).Distinct().Order(StringComparer.Ordinal).ToArray();
        var inRows = found.Where(f => f.Summary.Facts.Countries.Any(rows.Contains)).ToArray();
        var columns = inRows.SelectMany(f => f.Articles).Distinct().Order().ToArray();

        static string Link(int article, string? country) =>
            $"/network?scope={article.ToString(System.Globalization.CultureInfo.InvariantCulture)}" + (country is null ? string.Empty : $"&country={country}");

        var gridRows = rows.Select(country =>
        {
            var concerning = inRows.Where(f => f.Summary.Facts.Countries.Contains(country)).ToArray();
            var cells = columns.Select(article =>
            {
                var statuses = concerning.Where(f => f.Articles.Contains(article))
                    .Select(f => f.Summary.FollowUp.GetValueOrDefault(country, FollowUpStatus.NotStarted))
                    .ToArray();
                var rated = statuses.Where(s => s != FollowUpStatus.NoInformation).OrderBy(Rank).ToArray();
                var unknown = statuses.Length - rated.Length;
                return new NetworkGridCell(
                    article, statuses.Length,
                    statuses.Length == 0 ? null : rated.Length == 0 ? FollowUpStatus.NoInformation : rated[0],
                    statuses.Length == 0 ? null : rated.Length == 0 ? FollowUpStatus.NoInformation : rated[^1],
                    unknown,
                    statuses.Length == 0 ? null : Link(article, country));
            }).ToArray();
            return new NetworkGridRow(country, cells, concerning.Length);
        }).ToArray();

        var chapters = columns.GroupBy(a => Uncac.ArticleNumber(a).Chapter).Select(chapter =>
        {
            var info = Uncac.Chapters[chapter.Key - 1];
            return new NetworkGridChapter(info.Number, info.Roman, info.Title.In(query.Language), chapter.Select(article => new NetworkGridColumn(
                article, $"Art. {article}", Uncac.Label($"Art. {article}", query.Language),
                inRows.Count(f => f.Articles.Contains(article)), Link(article, null))).ToArray());
        }).ToArray();
        return new NetworkGrid(query.Scope, NetworkScope.Of(query), chapters, gridRows, inRows.Length, partial);
    }
}
