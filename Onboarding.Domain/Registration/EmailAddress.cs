using System.Globalization;
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

    /// <summary>At most this many characters (code points) as sent.</summary>
    public const int MaxLength = 254;

    public static bool TryParse(string? input, out EmailAddress? address, out string? error)
    {
        address = null;
        if (string.IsNullOrEmpty(input))
        {
            error = "An e-mail address is required.";
            return false;
        }

        if (TextRules.Characters(input) > MaxLength)
        {
            error = $"Must be at most {MaxLength} characters.";
            return false;
        }

        string? text = TextRules.Clean(input);
        error = "This is not a valid e-mail address.";
        if (text is null || text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1)
        {
            return false;
        }

        int at = text.IndexOf('@');
        string local = text[..at];
        // Written in ASCII as sent, so that one mailbox cannot be registered twice under two spellings
        // (full-width "ａｎｎａ" or look-alike letters for "anna").
        if (!local.All(char.IsAscii))
        {
            error = "The part before @ must be written in Latin letters, digits and . _ + - (no look-alike characters).";
            return false;
        }

        // International domain names are kept in their ASCII (punycode) form.
        string domain;
        try
        {
            domain = Idn.GetAscii(text[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (local.Length is 0 or > 64 || domain.Length < 3 || !domain.Contains('.')
            || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")
            || local.IndexOfAny(['<', '>', '(', ')', '[', ']', '\\', ',', ';', ':', '"']) >= 0
            || $"{local}@{domain}".Length > MaxLength)
        {
            return false;
        }

        string candidate = $"{local}@{domain}";
        if (!MailAddress.TryCreate(candidate, out MailAddress? parsed) || parsed.Address != candidate)
        {
            return false;
        }

        error = null;
        address = new EmailAddress(candidate);
        return true;
    }

    static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public override string ToString() => Masking.Email(Value);
}
