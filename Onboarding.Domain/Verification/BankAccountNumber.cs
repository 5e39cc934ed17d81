namespace Onboarding.Domain.Verification;

/// <summary>A bank account or card number: 12 to 19 digits; card-style numbers must pass the Luhn check.</summary>
public sealed record BankAccountNumber
{
    BankAccountNumber(string digits) => Digits = digits;

    /// <summary>The full number. Personal data: kept only in the row the deposit adapter needs.</summary>
    public string Digits { get; }

    public string Masked => Registration.Masking.AccountNumber(Digits);

    /// <summary>
    /// The one form every lookup of an account number uses (limits, owners, statements): the digits
    /// without leading zeros, so that zeros added in front cannot make an account another one. (Two
    /// numbers that differ only by leading zeros are counted as one account: the price of it.)
    /// </summary>
    public static string Canonical(string digits)
    {
        string trimmed = digits.TrimStart('0');
        return trimmed.Length > 0 ? trimmed : "0";
    }

    public static bool TryParse(string? input, out BankAccountNumber? number, out string? error)
    {
        number = null;
        if (string.IsNullOrEmpty(input))
        {
            error = "A bank account number is required.";
            return false;
        }

        string digits = input.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            error = "Must be 12 to 19 digits (spaces between them are ignored).";
            return false;
        }

        if (IsCardStyle(Canonical(digits)) && !PassesLuhn(digits)) // leading zeros change no Luhn sum
        {
            error = "This card number is not valid; please check the digits.";
            return false;
        }

        error = null;
        number = new BankAccountNumber(digits);
        return true;
    }

    /// <summary>
    /// Card numbers of the networks that mandate a Luhn check digit: Visa (4), Mastercard
    /// (51–55, 2221–2720), American Express (34, 37) and JCB (35). China UnionPay numbers (62),
    /// the usual Chinese debit cards, define no check digit, so they and plain account numbers
    /// are only checked for length.
    /// </summary>
    public static bool IsCardStyle(string digits)
    {
        if (digits.Length < 15)
        {
            return false;
        }

        int two = int.Parse(digits.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        int four = int.Parse(digits.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] == '4' || two is 34 or 35 or 37 or (>= 51 and <= 55) || four is >= 2221 and <= 2720;
    }

    public static bool PassesLuhn(string digits)
    {
        int sum = 0;
        bool doubled = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
