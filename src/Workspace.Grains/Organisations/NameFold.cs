using System.Globalization;
using System.Text;

namespace Workspace.Grains.Organisations;

/// <summary>How organisation names are compared: "ORG MEMBER", "org member" and "Órg Mêmber" are one name.</summary>
public static class NameFold
{
    /// <summary>Lower case, accents removed, runs of spaces and punctuation collapsed to one space, trimmed.</summary>
    public static string Fold(string? name)
    {
        var decomposed = (name ?? string.Empty).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && folded.Length > 0)
                {
                    folded.Append(' ');
                }

                folded.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
