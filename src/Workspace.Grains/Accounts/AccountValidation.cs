using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Accounts;

/// <summary>The rules a new account must meet.</summary>
public static class AccountValidation
{
    public static void Check(NewAccount account) =>
        new Validator()
            .Email("email", account.Email?.Trim())
            .Password("password", account.Password)
            .Line("displayName", account.DisplayName, Limits.DisplayNameMax)
            .Line("organisation", account.Organisation, Limits.OrganisationMax, required: false) // independent experts have none
            .Country("country", account.Country?.Trim().ToUpperInvariant())
            .Check(ProfileRules.IsLanguage(account.Language), "language", ErrorCodes.InvalidLanguage)
            .ThrowIfInvalid();
}
