using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Accounts;

/// <summary>The rules a profile change meets: the same as registration's for name and country, and a language the emails exist in.</summary>
public static class ProfileRules
{
    public static readonly string[] Languages = ["en", "es", "pt"];

    /// <summary>The stored form of a preferred language: en, es or pt, or none given.</summary>
    public static string? Language(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    public static bool IsLanguage(string? value) => Language(value) is not { } code || Languages.Contains(code);

    public static void Check(ProfileChange change) =>
        new Validator()
            .Line("displayName", change.DisplayName, Limits.DisplayNameMax)
            .Country("country", change.Country?.Trim().ToUpperInvariant())
            .Check(!string.IsNullOrWhiteSpace(change.Language), "language", ErrorCodes.Required)
            .Check(IsLanguage(change.Language), "language", ErrorCodes.InvalidLanguage)
            .ThrowIfInvalid();
}
