using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Organisations;

/// <summary>The rules an organisation's details must meet (articles as recommendations have them).</summary>
public static class OrganisationValidation
{
    public const int ShortNameMax = 40;
    public const int ThematicAreasMax = 20;

    public static OrganisationDetails Clean(OrganisationDetails details)
    {
        var articles = (details.Articles ?? []).Select(a => RecommendationValidation.Article(a)).ToArray();
        var country = Normalise.Text(details.Country).ToUpperInvariant();
        var languages = Normalise.Codes(details.Languages, upper: false);
        var areas = (details.ThematicAreas ?? []).Select(Normalise.Text).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var website = string.IsNullOrWhiteSpace(details.Website) ? null : details.Website.Trim();
        new Validator()
            .Line("name", details.Name, Limits.OrganisationMax)
            .Line("shortName", details.ShortName, ShortNameMax, required: false)
            .Country("country", country)
            .Check(Enum.IsDefined(details.Kind), "kind", ErrorCodes.OrganisationKindUnknown)
            .Check(website is null || RecommendationValidation.IsWebAddress(website), "website", ErrorCodes.InvalidUrl)
            .Text("description", details.Description, Limits.DescriptionMax, required: false)
            .Codes("languages", languages, Limits.LanguagesMax, IsoCodes.IsLanguage, ErrorCodes.InvalidLanguage)
            .Check(areas.Length <= ThematicAreasMax, "thematicAreas", ErrorCodes.TooMany)
            .Check(areas.All(a => a.Length <= Limits.ThematicAreaMax), "thematicAreas", ErrorCodes.TooLong)
            .Lines("thematicAreas", areas)
            .Check(articles.Length <= Limits.ArticlesMax, "articles", ErrorCodes.TooMany)
            .Check(articles.All(a => a is not null), "articles", ErrorCodes.ArticleUnknown)
            .ThrowIfInvalid();
        return new OrganisationDetails(
            Normalise.Text(details.Name),
            string.IsNullOrWhiteSpace(details.ShortName) ? null : details.ShortName.Trim(),
            country,
            details.Kind,
            website,
            string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim(),
            languages,
            areas,
            articles.Select(a => a!).Distinct(StringComparer.Ordinal).OrderBy(RecommendationValidation.ArticleOrder).ToArray());
    }
}
