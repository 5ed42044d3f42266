using System.Runtime.CompilerServices;
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
                && (string.IsNullOrEmpty(country) || e.Country == country)
                && (query.Kind is null || e.Kind == query.Kind)
                && (string.IsNullOrEmpty(language) || (e.Languages ?? []).Contains(language, StringComparer.Ordinal)))
            .Select(e => (Entry: e, Folded: FoldedOf(e)))
            .Where(f => (text.Length == 0 || f.Folded.Name.Contains(text, StringComparison.Ordinal)
                    || f.Folded.ShortName.Contains(text, StringComparison.Ordinal)
                    || f.Folded.Areas.Any(a => a.Contains(text, StringComparison.Ordinal)))
                && (area.Length == 0 || f.Folded.Areas.Any(a => a.Contains(area, StringComparison.Ordinal)))
                && (articles is null || f.Folded.Articles.Any(articles.Contains)))
            .OrderBy(f => f.Folded.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Entry.Id)
            .Select(f => f.Entry)
            .ToArray();
        var limit = query.Limit <= 0 ? DefaultLimit : Math.Min(query.Limit, MaxLimit);
        return new DirectoryPage(matches.Skip(Math.Max(query.Offset, 0)).Take(limit).ToArray(), matches.Length);
    }

    /// <summary>
    /// Folded names and areas and article numbers of a summary, computed once per summary instance (summaries are
    /// immutable and replaced on every change), so a search over 5,000 entries folds only the query.
    /// </summary>
    private static readonly ConditionalWeakTable<OrganisationSummary, Folded> Folds = [];

    private static Folded FoldedOf(OrganisationSummary e) => Folds.GetValue(e, s => new Folded(
        NameFold.Fold(s.Name), NameFold.Fold(s.ShortName), (s.ThematicAreas ?? []).Select(NameFold.Fold).ToArray(),
        (s.Articles ?? []).Select(Uncac.ArticleOf).ToArray()));

    private sealed record Folded(string Name, string ShortName, string[] Areas, int[] Articles);

    /// <summary>What a listed entry shows in the directory, as one comparable string (head counts left out).</summary>
    public static string Shown(OrganisationSummary e) => string.Join('\u001F',
        e.Name, e.ShortName, e.Country, e.Kind, e.Website,
        string.Join(',', e.Articles ?? []), string.Join(',', e.Languages ?? []), string.Join(',', e.ThematicAreas ?? []));
}
