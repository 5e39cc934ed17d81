using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Messaging</c>: Azure Communication Services for e-mail and SMS.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string SectionName = "Messaging";

    /// <summary><c>endpoint=https://...;accesskey=...</c> (HMAC-signed requests). Leave empty on Azure and set <see cref="Endpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The ACS endpoint used with the app's managed identity.</summary>
    public string? Endpoint { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The verified sender address of the e-mail domain, e.g. DoNotReply@....azurecomm.net.</summary>
    [Required]
    public string SenderAddress { get; set; } = "DoNotReply@onboarding.local";

    /// <summary>The SMS sender: an ACS phone number in E.164 or an alphanumeric sender id.</summary>
    [Required]
    public string SmsFrom { get; set; } = "Onboarding";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(ConnectionString) && string.IsNullOrEmpty(Endpoint))
        {
            yield return new ValidationResult("Set Messaging:ConnectionString or Messaging:Endpoint.");
        }
    }
}
