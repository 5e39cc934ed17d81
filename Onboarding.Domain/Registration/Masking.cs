namespace Onboarding.Domain.Registration;

/// <summary>How personal values are shown wherever the whole value must not be.</summary>
public static class Masking
{
    /// <summary><c>anna@example.com</c> → <c>a***@example.com</c>.</summary>
    public static string Email(string email)
    {
        int at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        return string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
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
