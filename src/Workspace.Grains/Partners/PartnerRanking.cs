using Workspace.Contracts.Organisations;
using Workspace.Convention;

namespace Workspace.Grains.Partners;

/// <summary>
/// "Find partners" as a plain rule (issue 21). A listed organisation other than mine is suggested when it
/// works on one of the articles asked for, or on another article of the same chapter, and is in the same
/// country, a land neighbour or the same UN M49 region. Its score:
/// <list type="bullet">
/// <item>10 for each article asked for that it works on (shared articles weigh most);</item>
/// <item>6 for the same country, else 4 for a land neighbour, else 2 for the same region;</item>
/// <item>1 for each chapter of the articles asked for in which it works on other articles only.</item>
/// </list>
/// Best score first, then by name; each suggestion says why, as codes the client words.
/// </summary>
public static class PartnerRanking
{
    public const int SharedArticle = 10;
    public const int SameCountry = 6;
    public const int Neighbour = 4;
    public const int SameRegion = 2;
    public const int SameChapter = 1;

    public static IReadOnlyList<PartnerSuggestion> Rank(IEnumerable<OrganisationSummary> organisations, PartnerQuery query)
    {
        var wanted = query.Articles.ToHashSet();
        var chapters = wanted.Select(a => Uncac.ChapterOf(a).Number).ToHashSet();
        var region = Geography.RegionOf(query.Country);
        return organisations
            .Where(o => o.Listed && o.Id != query.Exclude)
            .Select(o => Suggest(o, wanted, chapters, query.Country, region))
            .OfType<PartnerSuggestion>()
            .OrderByDescending(s => s.Score)
            .ThenBy(s => Organisations.NameFold.Fold(s.Organisation.Name), StringComparer.Ordinal)
            .ThenBy(s => s.Organisation.Id)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .ToArray();
    }

    private static PartnerSuggestion? Suggest(OrganisationSummary o, HashSet<int> wanted, HashSet<int> chapters, string country, string? region)
    {
        var theirs = (o.Articles ?? []).Select(Uncac.ArticleOf).ToHashSet();
        var shared = theirs.Where(wanted.Contains).Order().ToArray();
        var sharedChapters = shared.Select(a => Uncac.ChapterOf(a).Number).ToHashSet();
        var nearChapters = theirs.Select(a => Uncac.ChapterOf(a).Number)
            .Where(c => chapters.Contains(c) && !sharedChapters.Contains(c)).Distinct().Order().ToArray();
        if (shared.Length == 0 && nearChapters.Length == 0)
        {
            return null;
        }

        PartnerReason place;
        int placeScore;
        if (o.Country == country)
        {
            (place, placeScore) = (new PartnerReason("same-country", o.Country), SameCountry);
        }
        else if (Geography.AreNeighbours(country, o.Country))
        {
            (place, placeScore) = (new PartnerReason("neighbour", o.Country), Neighbour);
        }
        else if (region is not null && Geography.RegionOf(o.Country) == region)
        {
            (place, placeScore) = (new PartnerReason("sub-region", region), SameRegion);
        }
        else
        {
            return null;
        }

        var reasons = shared.Select(a => new PartnerReason("article", $"Art. {a}"))
            .Concat(nearChapters.Select(c => new PartnerReason("chapter", Uncac.Chapters[c - 1].Roman)))
            .Append(place)
            .ToArray();
        return new PartnerSuggestion(o, (shared.Length * SharedArticle) + placeScore + (nearChapters.Length * SameChapter), reasons);
    }
}
