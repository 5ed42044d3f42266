using Workspace.Contracts.Organisations;
using Workspace.Convention;

namespace Workspace.Grains.Organisations;

/// <summary>The directory's filters over its in-memory summaries (issue 21): listed organisations only, by folded name.</summary>
public static class DirectorySearch
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static DirectoryPage Browse(IEnumerable<OrganisationSummary> entries, DirectoryQuery query)
    {
        var text = NameFold.Fold(query.Text);
        var area = NameFold.Fold(query.ThematicArea);
        var country = query.Country?.Trim().ToUpperInvariant();
        var language = query.Language?.Trim().ToLowerInvariant();
        var articles = query.Articles?.ToHashSet();
        var matches = entries
            .Where(e => e.Listed
                && (text.Length == 0 || NameFold.Fold(e.Name).Contains(text, StringComparison.Ordinal)
                    || NameFold.Fold(e.ShortName).Contains(text, StringComparison.Ordinal)
                    || (e.ThematicAreas ?? []).Any(a => NameFold.Fold(a).Contains(text, StringComparison.Ordinal)))
                && (string.IsNullOrEmpty(country) || e.Country == country)
                && (query.Kind is null || e.Kind == query.Kind)
                && (area.Length == 0 || (e.ThematicAreas ?? []).Any(a => NameFold.Fold(a).Contains(area, StringComparison.Ordinal)))
                && (articles is null || (e.Articles ?? []).Any(a => articles.Contains(Uncac.ArticleOf(a))))
                && (string.IsNullOrEmpty(language) || (e.Languages ?? []).Contains(language, StringComparer.Ordinal)))
            .OrderBy(e => NameFold.Fold(e.Name), StringComparer.Ordinal)
            .ThenBy(e => e.Id)
            .ToArray();
        var limit = query.Limit <= 0 ? DefaultLimit : Math.Min(query.Limit, MaxLimit);
        return new DirectoryPage(matches.Skip(Math.Max(query.Offset, 0)).Take(limit).ToArray(), matches.Length);
    }

    /// <summary>What a listed entry shows in the directory, as one comparable string (head counts left out).</summary>
    public static string Shown(OrganisationSummary e) => string.Join('\u001F',
        e.Name, e.ShortName, e.Country, e.Kind, e.Website,
        string.Join(',', e.Articles ?? []), string.Join(',', e.Languages ?? []), string.Join(',', e.ThematicAreas ?? []));
}
