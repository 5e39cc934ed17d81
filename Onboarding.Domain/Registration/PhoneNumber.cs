using PhoneNumbers;
using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>A phone number that can receive an SMS, kept in E.164 form.</summary>
public sealed record PhoneNumber
{
    static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    PhoneNumber(string e164, int countryCode, string country)
    {
        E164 = e164;
        CountryCode = countryCode;
        Country = country;
    }

    public string E164 { get; }

    /// <summary>The calling code (1 for the whole North American plan, 998 for Uzbekistan).</summary>
    public int CountryCode { get; }

    /// <summary>The ISO 3166-1 code of the country the number belongs to (<c>001</c> for non-geographic numbers).</summary>
    public string Country { get; }

    public string Masked => Masking.Phone(E164, CountryCode);

    /// <summary>At most this many characters (code points) as sent.</summary>
    public const int MaxLength = 32;

    /// <summary>Parses any format libphonenumber understands; numbers without <c>+</c> are read in <paramref name="region"/>.</summary>
    public static bool TryParse(string? input, string? region, out PhoneNumber? number, out string? error)
    {
        number = null;
        if (string.IsNullOrEmpty(input))
        {
            error = "A phone number is required.";
            return false;
        }

        if (TextRules.Characters(input) > MaxLength)
        {
            error = $"Must be at most {MaxLength} characters.";
            return false;
        }

        string? text = TextRules.Clean(input);
        error = "This is not a valid phone number.";
        if (text is null)
        {
            return false;
        }

        try
        {
            PhoneNumbers.PhoneNumber parsed = Util.Parse(text, region ?? "ZZ");
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }

            PhoneNumberType type = Util.GetNumberType(parsed);
            if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            {
                error = "The number must be a mobile number that can receive SMS.";
                return false;
            }

            number = new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164), parsed.CountryCode, CountryOf(parsed));
            error = null;
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Rebuilds a number stored in E.164 form.</summary>
    public static PhoneNumber FromE164(string e164)
    {
        PhoneNumbers.PhoneNumber parsed = Util.Parse(e164, "ZZ");
        return new PhoneNumber(e164, parsed.CountryCode, CountryOf(parsed));
    }

    static string CountryOf(PhoneNumbers.PhoneNumber parsed) => Util.GetRegionCodeForNumber(parsed) ?? "ZZ";

    public override string ToString() => Masked;
}
