using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Localization;

/// <summary>Error titles in the languages the product speaks, looked up by error code.</summary>
public sealed class ErrorCatalog
{
    public static readonly IReadOnlyList<string> Languages = ["en", "es", "pt"];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public ErrorCatalog()
    {
        var assembly = typeof(ErrorCatalog).Assembly;
        _byLanguage = Languages.ToFrozenDictionary(
            language => language,
            language =>
            {
                using var stream = assembly.GetManifestResourceStream($"errors.{language}.json")
                    ?? throw new InvalidOperationException($"The {language} error catalogue is not embedded.");
                return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary();
            });
    }

    /// <summary>The codes each language has messages for (for the completeness test).</summary>
    public IReadOnlyCollection<string> Codes(string language) => _byLanguage[language].Keys;

    public string Message(string code, CultureInfo culture, int? limit = null)
    {
        var language = Languages.Contains(culture.TwoLetterISOLanguageName) ? culture.TwoLetterISOLanguageName : "en";
        var text = _byLanguage[language].GetValueOrDefault(code)
            ?? _byLanguage["en"].GetValueOrDefault(code)
            ?? _byLanguage["en"][ErrorCodes.Unexpected];
        return text.Replace("{limit}", limit?.ToString(culture) ?? string.Empty, StringComparison.Ordinal);
    }
}
