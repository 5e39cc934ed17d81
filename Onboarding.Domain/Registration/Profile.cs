using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>The personal details a user gives to create the account. Personal data: kept in tables only.</summary>
public sealed record Profile(
    string GivenName,
    string FamilyName,
    NameOrder NameOrder,
    string Nationality,
    DateOnly DateOfBirth,
    string PassportNumber)
{
    public const int AdultAge = 18;

    /// <summary>How a birth date is written, over HTTP and in storage.</summary>
    public const string DateOfBirthFormat = "yyyy-MM-dd";
    const int OldestAge = 130;
    const int MaxNameLength = 100;

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
        ValidationErrors errors)
    {
        string? given = Name(givenName, "givenName", errors);
        string? family = Name(familyName, "familyName", errors);

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

        if (given is null || family is null || order is null || country is null || birth is null || passport is null)
        {
            return null;
        }

        return new Profile(given, family, order.Value, country, birth.Value, passport);
    }

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

        // Letters of any script, combining marks, and the separators names use: space, hyphen, apostrophe, period.
        foreach (Rune rune in name.EnumerateRunes())
        {
            bool allowed = Rune.IsLetter(rune)
                || rune.Value is ' ' or '-' or '\'' or '.' or '\u2019' or '\u00B7' or '\u30FB'
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            if (!allowed)
            {
                errors.Add(field, "Must contain letters only (spaces, hyphens, apostrophes and periods allowed).");
                return null;
            }
        }

        if (!name.EnumerateRunes().Any(Rune.IsLetter))
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
}
