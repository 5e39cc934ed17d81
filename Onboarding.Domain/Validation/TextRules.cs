using System.Globalization;
using System.Text;

namespace Onboarding.Domain.Validation;

/// <summary>
/// Rules every free-text field shares: no control or invisible formatting characters, lengths
/// counted in characters as the value was sent (Unicode code points, what JSON Schema's
/// <c>maxLength</c> counts), or in text elements (what a person sees as one character: "é" written
/// as e + accent, a flag, a family emoji) where the field is something a person typed.
/// </summary>
public static class TextRules
{
    /// <summary>NFC-normalises; null when the text holds characters no name or address needs.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string normalized;
        try
        {
            normalized = value.Normalize(NormalizationForm.FormC);
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

    /// <summary>Unicode code points (a lone surrogate counts as one).</summary>
    public static int Characters(string value)
    {
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>Text elements (extended grapheme clusters): the characters a person counts.</summary>
    public static int TextElements(string value) => new StringInfo(value).LengthInTextElements;

    /// <summary>
    /// Free text a person typed (a bank's name, a reason): required, no control or invisible
    /// characters, no space at either end, 1 to <paramref name="maxTextElements"/> characters as a
    /// person counts them. Null, with the failed rule added to <paramref name="errors"/>, when not.
    /// </summary>
    public static string? FreeText(string? value, string field, string what, int maxTextElements, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, $"{what} is required.");
            return null;
        }

        string? text = Clean(value);
        if (text is null)
        {
            errors.Add(field, "Must not contain control characters, invisible formatting characters or unassigned code points.");
            return null;
        }

        if (text.Trim().Length == 0)
        {
            errors.Add(field, $"{what} is required (not only spaces).");
            return null;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            errors.Add(field, "Must not begin or end with a space.");
            return null;
        }

        if (TextElements(value) > maxTextElements)
        {
            errors.Add(field, $"Must be at most {maxTextElements} characters.");
            return null;
        }

        return text;
    }
}
