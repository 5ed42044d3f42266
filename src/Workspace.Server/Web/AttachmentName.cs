using System.Text;

namespace Workspace.Server.Web;

/// <summary>
/// A file name for a download made from a title people typed: no path separators, control characters,
/// quotes or characters Windows refuses, no leading dots, bounded length; the framework then writes it as
/// <c>filename</c> (ASCII) and <c>filename*</c> (UTF-8) in Content-Disposition.
/// </summary>
public static class AttachmentName
{
    private const int MaxStemLength = 80;

    /// <summary>The title made safe as a file name stem, or <paramref name="fallback"/> when nothing usable is left.</summary>
    public static string From(string? title, string extension, string fallback = "document")
    {
        var stem = new StringBuilder();
        var space = false;
        foreach (var rune in (title ?? string.Empty).EnumerateRunes())
        {
            var value = rune.Value;
            var unsafeChar = Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned
                || value is '/' or '\\' or ':' or '*' or '?' or '"' or '\'' or '`' or '<' or '>' or '|' or ';' or '%' or 0xFFFD;
            if (unsafeChar || Rune.IsWhiteSpace(rune))
            {
                space = stem.Length > 0;
                continue;
            }

            if (space)
            {
                stem.Append(' ');
                space = false;
            }

            if (stem.Length + rune.Utf16SequenceLength > MaxStemLength)
            {
                break;
            }

            stem.Append(rune.ToString());
        }

        var name = stem.ToString().Trim(' ', '.');
        return $"{(name.Length == 0 ? fallback : name)}.{extension}";
    }
}
