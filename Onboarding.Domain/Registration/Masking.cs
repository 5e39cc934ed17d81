namespace Onboarding.Domain.Registration;

/// <summary>How personal values are shown wherever the whole value must not be.</summary>
public static class Masking
{
    /// <summary>
    /// <c>anna@gmail.com</c> → <c>a***@gmail.com</c>; a domain that is not a public mail service's
    /// (<see cref="PublicMailDomains"/>) can name the person or their employer, and is masked too:
    /// <c>anna@smith-family.name</c> → <c>a***@s***.name</c>.
    /// </summary>
    public static string Email(string email)
    {
        int at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        string domain = email[(at + 1)..];
        return string.Concat(email.AsSpan(0, 1), "***@", PublicMailDomains.Contains(domain) ? domain : Domain(domain));
    }

    /// <summary>The first character and the top-level domain: <c>smith-family.name</c> → <c>s***.name</c>.</summary>
    static string Domain(string domain)
    {
        int dot = domain.LastIndexOf('.');
        return dot <= 0 ? "***" : string.Concat(domain.AsSpan(0, 1), "***", domain.AsSpan(dot));
    }

    /// <summary><c>+14155550100</c> → <c>+1******0100</c>: the country code and the last four digits.</summary>
    public static string Phone(string e164, int countryCode)
    {
        string prefix = "+" + countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!e164.StartsWith(prefix, StringComparison.Ordinal) || e164.Length < prefix.Length + 5)
        {
            return "****";
        }

        int hidden = e164.Length - prefix.Length - 4;
        return prefix + new string('*', hidden) + e164[^4..];
    }

    /// <summary>A bank account number shown as <c>****</c> and its last four digits.</summary>
    public static string AccountNumber(string digits) => digits.Length < 4 ? "****" : "****" + digits[^4..];
}
