using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>
/// Who starts a journey: an e-mail address, the region they live in, their nationality when they
/// give it at the start (the profile names it in any case), a mobile number and a language.
/// Whether they may register is <see cref="Eligibility"/>'s to say.
/// </summary>
public sealed record Applicant(EmailAddress Email, string Region, PhoneNumber Phone, string Language, string? Nationality = null)
{
    /// <summary>Validates the start request's raw fields; null, with the field errors added, when any is not valid.</summary>
    public static Applicant? TryCreate(string? email, string? region, string? phoneNumber, string? language, string? nationality, ValidationErrors errors)
    {
        if (!EmailAddress.TryParse(email, out EmailAddress? address, out string? emailError))
        {
            errors.Add("email", emailError!);
        }

        string? country = Regions.Parse(region);
        if (country is null)
        {
            errors.Add("region", string.IsNullOrEmpty(region)
                ? "A region is required: the ISO 3166-1 alpha-2 code of where you live, such as \"CN\"."
                : "Must be an ISO 3166-1 alpha-2 code in upper case, such as \"CN\".");
        }

        // A number without its country code is read as one of where the person lives.
        if (!PhoneNumber.TryParse(phoneNumber, country, out PhoneNumber? phone, out string? phoneError))
        {
            errors.Add("phoneNumber", phoneError!);
        }

        string? tag = Languages.Parse(language);
        if (tag is null)
        {
            errors.Add("language", $"Must be one of: {string.Join(", ", Languages.All)}.");
        }

        string? citizenship = nationality is null ? null : Regions.Parse(nationality);
        if (nationality is not null && citizenship is null)
        {
            errors.Add("nationality", "Must be an ISO 3166-1 alpha-2 code in upper case, such as \"GB\" (your passport's country), or left out.");
        }

        return address is null || country is null || phone is null || tag is null || (nationality is not null && citizenship is null)
            ? null
            : new Applicant(address, country, phone, tag, citizenship);
    }
}
