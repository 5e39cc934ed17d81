using System.ComponentModel.DataAnnotations;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Configuration;

/// <summary>
/// Section <c>Support</c>: whom a person asks when the journey cannot go on by itself (a locked
/// verification, an ended registration). The web app and every e-mail name it; none set: they say
/// that the team writes to the person.
/// </summary>
public sealed class SupportOptions : IValidatableObject
{
    public const string SectionName = "Support";

    /// <summary>The support team's e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>The support team's phone number, as people dial it (e.g. <c>+86 400 000 0000</c>).</summary>
    public string? Phone { get; set; }

    /// <summary>A help page (https).</summary>
    public string? Url { get; set; }

    public bool Any => !string.IsNullOrEmpty(Email) || !string.IsNullOrEmpty(Phone) || !string.IsNullOrEmpty(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Email) && !EmailAddress.TryParse(Email, out _, out _))
        {
            yield return new ValidationResult($"Support:Email '{Email}' is not an e-mail address.");
        }

        if (!string.IsNullOrEmpty(Phone) && (Phone.Length > 32 || !Phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
        {
            yield return new ValidationResult("Support:Phone must be a phone number (digits, spaces, + - ( )).");
        }

        if (!string.IsNullOrEmpty(Url) && !(Uri.TryCreate(Url, UriKind.Absolute, out Uri? url) && url.Scheme is "https" or "http"))
        {
            yield return new ValidationResult($"Support:Url '{Url}' is not an http(s) address.");
        }
    }
}
