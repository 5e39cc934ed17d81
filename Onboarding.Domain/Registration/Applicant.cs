using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>Who starts a journey: an e-mail address, the region they live in, a mobile number and a language.</summary>
public sealed record Applicant(EmailAddress Email, string Region, PhoneNumber Phone, string Language)
{
    /// <summary>
    /// Whether codes may be texted to the applicant's number: it must belong to the region they
    /// live in, or to one of <paramref name="smsCountries"/> (configured): an open SMS endpoint
    /// that texts any country is what SMS pumping feeds on.
    /// </summary>
    public bool PhoneCountryAllowed(IReadOnlySet<string> smsCountries) =>
        Phone.Country == Region || smsCountries.Contains(Phone.Country);

    /// <summary>Validates the start request's raw fields; null, with the field errors added, when any is not valid.</summary>
    public static Applicant? TryCreate(string? email, string? region, string? phoneNumber, string? language, ValidationErrors errors)
    {
        if (!EmailAddress.TryParse(email, out EmailAddress? address, out string? emailError))
        {
            errors.Add("email", emailError!);
        }

        string? country = Regions.Parse(region);
        if (country is null)
        {
            errors.Add("region", string.IsNullOrEmpty(region)
                ? "A region is required (an ISO 3166-1 alpha-2 code such as \"US\")."
                : "Must be an ISO 3166-1 alpha-2 code in upper case, such as \"US\".");
        }

        if (!PhoneNumber.TryParse(phoneNumber, country, out PhoneNumber? phone, out string? phoneError))
        {
            errors.Add("phoneNumber", phoneError!);
        }

        string? tag = Languages.Parse(language);
        if (tag is null)
        {
            errors.Add("language", $"Must be one of: {string.Join(", ", Languages.All)}.");
        }

        return address is null || country is null || phone is null || tag is null ? null : new Applicant(address, country, phone, tag);
    }
}
