using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>
/// The personal details a user gives to create the account. Personal data: kept in tables only.
/// The names are the passport's in Latin letters — those of its machine-readable zone, which banks
/// in China print for a foreigner's account — and, when the person has one, a name in Chinese
/// characters that a bank may print instead (<see cref="ChineseName"/>).
/// </summary>
public sealed record Profile(
    string GivenName,
    string FamilyName,
    NameOrder NameOrder,
    string Nationality,
    DateOnly DateOfBirth,
    string PassportNumber,
    string? ChineseName = null)
{
    public const int AdultAge = 18;

    /// <summary>How a birth date is written, over HTTP and in storage.</summary>
    public const string DateOfBirthFormat = "yyyy-MM-dd";
    const int OldestAge = 130;
    const int MaxNameLength = 100;
    const int MaxChineseNameLength = 30;

    /// <summary>The document number: 6 to 9 letters A–Z and digits, at least one digit; spaces between them are ignored.</summary>
    static readonly Regex PassportPattern = new("^[A-Za-z0-9]{6,9}$", RegexOptions.CultureInvariant);

    /// <summary>The birth date as <see cref="DateOfBirthFormat"/> writes it.</summary>
    public string DateOfBirthText => DateOfBirth.ToString(DateOfBirthFormat, CultureInfo.InvariantCulture);

    /// <summary>The name as the person writes it, in their own order.</summary>
    public string FullName => NameOrder == NameOrder.GivenFirst ? $"{GivenName} {FamilyName}" : $"{FamilyName} {GivenName}";

    /// <summary>Validates raw fields as they arrive over HTTP; <paramref name="today"/> is the caller's UTC date.</summary>
    public static Profile? TryCreate(
        string? givenName,
        string? familyName,
        string? nameOrder,
        string? nationality,
        string? dateOfBirth,
        string? passportNumber,
        DateOnly today,
        ValidationErrors errors,
        string? chineseName = null)
    {
        string? given = Name(givenName, "givenName", errors);
        string? family = Name(familyName, "familyName", errors);
        string? written = ChineseCharacters(chineseName, errors);

        NameOrder? order = nameOrder switch
        {
            "givenFirst" => NameOrder.GivenFirst,
            "familyFirst" => NameOrder.FamilyFirst,
            null => null,
            _ => null,
        };
        if (order is null)
        {
            errors.Add("nameOrder", "Must be \"givenFirst\" or \"familyFirst\".");
        }

        string? country = Regions.Parse(nationality);
        if (country is null)
        {
            errors.Add("nationality", "Must be an ISO 3166-1 alpha-2 country code in upper case, for example \"US\".");
        }

        DateOnly? birth = null;
        if (!DateOnly.TryParseExact(dateOfBirth, DateOfBirthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsedBirth))
        {
            errors.Add("dateOfBirth", "Must be a date written as YYYY-MM-DD.");
        }
        else if (parsedBirth >= today)
        {
            errors.Add("dateOfBirth", "Must be in the past.");
        }
        else if (parsedBirth.AddYears(AdultAge) > today)
        {
            errors.Add("dateOfBirth", $"You must be at least {AdultAge} years old.");
        }
        else if (parsedBirth.AddYears(OldestAge) < today)
        {
            errors.Add("dateOfBirth", "This date of birth is not plausible.");
        }
        else
        {
            birth = parsedBirth;
        }

        string? passport = passportNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (passport is null || !PassportPattern.IsMatch(passport))
        {
            errors.Add("passportNumber", "Must be the passport's document number: 6 to 9 letters (A-Z) and digits (spaces are ignored).");
            passport = null;
        }
        else if (!passport.Any(char.IsAsciiDigit))
        {
            errors.Add("passportNumber", "Must contain at least one digit (a passport's document number does).");
            passport = null;
        }
        else
        {
            passport = passport.ToUpperInvariant();
        }

        if (given is null || family is null || order is null || country is null || birth is null || passport is null
            || (chineseName is not null && written is null))
        {
            return null;
        }

        return new Profile(given, family, order.Value, country, birth.Value, passport, written);
    }

    /// <summary>A name in the Latin letters of the passport's machine-readable zone (accents allowed, as the printed page has them).</summary>
    static string? Name(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, value is null ? "This field is required." : "Must not be empty.");
            return null;
        }

        string? name = TextRules.Clean(value);
        if (name is null)
        {
            errors.Add(field, "Must not contain control characters, invisible formatting characters or unassigned code points.");
            return null;
        }

        if (TextRules.TextElements(value) > MaxNameLength)
        {
            errors.Add(field, $"Must be at most {MaxNameLength} characters.");
            return null;
        }

        // Latin letters, combining marks, and the separators names use: space, hyphen, apostrophe, period.
        foreach (Rune rune in name.EnumerateRunes())
        {
            bool allowed = IsLatinLetter(rune)
                || rune.Value is ' ' or '-' or '\'' or '.' or '\u2019'
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            if (!allowed)
            {
                errors.Add(field, Rune.IsLetter(rune)
                    ? "Write the name in Latin letters, as in the machine-readable lines of your passport (for example WANG XIAOMING); a name in Chinese characters goes in chineseName."
                    : "Must contain letters only (spaces, hyphens, apostrophes and periods allowed).");
                return null;
            }
        }

        if (!name.EnumerateRunes().Any(IsLatinLetter))
        {
            errors.Add(field, "Must contain a letter.");
            return null;
        }

        if (name[0] == ' ' || name[^1] == ' ')
        {
            errors.Add(field, "Must not begin or end with a space.");
            return null;
        }

        return name;
    }

    /// <summary>A name in Chinese characters (a transliterated one with its middle dot, 史密斯·安娜), as sent, or none.</summary>
    static string? ChineseCharacters(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxChineseNameLength || !value.All(c => IsHan(c) || c is '\u00B7' or '\u30FB') || !value.Any(IsHan))
        {
            errors.Add("chineseName", $"Must be a name in Chinese characters (at most {MaxChineseNameLength}, no spaces; a middle dot · between the parts of a transliterated name), or left out.");
            return null;
        }

        return value;
    }

    static bool IsLatinLetter(Rune rune) =>
        Rune.IsLetter(rune) && rune.Value is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')
            or (>= 0x00C0 and <= 0x024F and not 0x00D7 and not 0x00F7) or (>= 0x1E00 and <= 0x1EFF);

    /// <summary>CJK unified ideographs of the Basic Multilingual Plane (extension A too) and their compatibility forms.</summary>
    static bool IsHan(char c) => c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
}
