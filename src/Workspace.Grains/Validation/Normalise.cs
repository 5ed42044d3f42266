namespace Workspace.Grains.Validation;

/// <summary>Canonical forms, so that "Ana@Example.org " and "ana@example.org" are one account.</summary>
public static class Normalise
{
    public static string Email(string email) => email.Trim().ToLowerInvariant();

    public static string Text(string? value) => (value ?? string.Empty).Trim();

    public static IReadOnlyList<string> Codes(IReadOnlyList<string>? codes, bool upper) =>
        (codes ?? [])
            .Select(c => (c ?? string.Empty).Trim())
            .Select(c => upper ? c.ToUpperInvariant() : c.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
