namespace Workspace.Grains.Validation;

/// <summary>
/// The one rule for which characters text fields accept. Control characters (C0 with NUL and ESC,
/// DEL, C1) and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
/// are refused everywhere: they are invisible, and a right-to-left override makes a name or title
/// read differently from what it is. Multi-line fields (Markdown, comments, notes, reasons) keep
/// tabs and line breaks; single-line fields (names, titles, addressees, questions) refuse them too,
/// with the Unicode line and paragraph separators. The directional marks (U+200E, U+200F, U+061C)
/// stay allowed: they reorder nothing beyond neutral characters next to them, and names that mix
/// Arabic or Hebrew with Latin script need them to display correctly.
/// </summary>
public static class Characters
{
    /// <summary>True if a single-line field may hold <paramref name="value"/>.</summary>
    public static bool IsSingleLine(string? value) => Allowed(value, multiline: false);

    /// <summary>True if a multi-line field may hold <paramref name="value"/>.</summary>
    public static bool IsMultiLine(string? value) => Allowed(value, multiline: true);

    private static bool Allowed(string? value, bool multiline)
    {
        foreach (var c in value ?? string.Empty)
        {
            if (Refused(c, multiline))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Refused(char c, bool multiline) => c switch
    {
        '\t' or '\n' or '\r' => !multiline,
        '\u2028' or '\u2029' => !multiline,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => char.IsControl(c), // U+0000–U+001F, U+007F–U+009F
    };
}
