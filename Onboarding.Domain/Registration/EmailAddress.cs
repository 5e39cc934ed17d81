using System.Net.Mail;
using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Registration;

/// <summary>An e-mail address as the journey keeps it: trimmed, domain lower-cased, one per account.</summary>
public sealed record EmailAddress
{
    EmailAddress(string value) => Value = value;

    public string Value { get; }

    /// <summary>The form two addresses are compared in (one account per address).</summary>
    public string Canonical => Value.ToLowerInvariant();

    public static bool TryParse(string? input, out EmailAddress? address, out string? error)
    {
        address = null;
        string? text = TextRules.Clean(input);
        if (string.IsNullOrEmpty(text))
        {
            error = "An e-mail address is required.";
            return false;
        }

        error = "This is not a valid e-mail address.";
        if (text.Length > 254 || text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1)
        {
            return false;
        }

        int at = text.IndexOf('@');
        string local = text[..at];
        string domain = text[(at + 1)..];
        if (local.Length is 0 or > 64 || domain.Length < 3 || !domain.Contains('.')
            || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")
            || text.IndexOfAny(['<', '>', '(', ')', '[', ']', '\\', ',', ';', ':', '"']) >= 0)
        {
            return false;
        }

        if (!MailAddress.TryCreate(text, out MailAddress? parsed) || parsed.Address != text)
        {
            return false;
        }

        error = null;
        address = new EmailAddress($"{local}@{domain.ToLowerInvariant()}");
        return true;
    }

    public override string ToString() => Masking.Email(Value);
}
