using System.Globalization;
using System.Text;

namespace Onboarding.Domain.Validation;

/// <summary>Rules every free-text field shares: normalised, no control or invisible formatting characters.</summary>
public static class TextRules
{
    /// <summary>NFC-normalises and trims; null when the text holds characters no name or address needs.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string normalized;
        try
        {
            normalized = value.Normalize(NormalizationForm.FormC).Trim();
        }
        catch (ArgumentException)
        {
            return null; // lone surrogates
        }

        foreach (Rune rune in normalized.EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                return null;
            }
        }

        return normalized;
    }
}
