using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Groups;

/// <summary>The rules group details and invitation requests must meet.</summary>
public static class GroupValidation
{
    public static GroupDetails Clean(GroupDetails details)
    {
        var countries = Normalise.Codes(details.Countries, upper: true);
        var languages = Normalise.Codes(details.Languages, upper: false);
        new Validator()
            .Line("name", details.Name, Limits.NameMax)
            .Line("thematicArea", details.ThematicArea, Limits.ThematicAreaMax)
            .Text("description", details.Description, Limits.DescriptionMax, required: false)
            .Codes("countries", countries, Limits.CountriesMax, IsoCodes.IsCountry, ErrorCodes.InvalidCountry)
            .Codes("languages", languages, Limits.LanguagesMax, IsoCodes.IsLanguage, ErrorCodes.InvalidLanguage)
            .ThrowIfInvalid();
        return new GroupDetails(
            Normalise.Text(details.Name),
            Normalise.Text(details.ThematicArea),
            Normalise.Text(details.Description),
            countries,
            languages);
    }

    public static void Check(InvitationRequest request) =>
        new Validator()
            .Check(Enum.IsDefined(request.Role), "role", ErrorCodes.InvalidRole)
            .Range("expiresInDays", request.ExpiresInDays, Limits.InvitationDaysMin, Limits.InvitationDaysMax)
            .Range("maxUses", request.MaxUses, Limits.InvitationUsesMin, Limits.InvitationUsesMax)
            .ThrowIfInvalid();

    public static string DocumentTitle(string? title)
    {
        new Validator().Line("title", title, Limits.DocumentTitleMax).ThrowIfInvalid();
        return Normalise.Text(title!);
    }

    public static void Check(DocumentVisibility visibility) =>
        new Validator().Check(Enum.IsDefined(visibility), "visibility", ErrorCodes.InvalidVisibility).ThrowIfInvalid();
}
