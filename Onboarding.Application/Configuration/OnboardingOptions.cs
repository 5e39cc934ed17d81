using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Onboarding</c>: the service's own settings.</summary>
public sealed class OnboardingOptions : IValidatableObject
{
    public const string SectionName = "Onboarding";

    /// <summary>Where users reach the API; e-mail links point here.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Base64 key (at least 32 bytes) for the HMACs of codes, link tokens and deposit amounts. A secret.</summary>
    [Required]
    public string HmacKey { get; set; } = "";

    /// <summary>The key before the last rotation, accepted until journeys started under it are over.</summary>
    public string? PreviousHmacKey { get; set; }

    /// <summary>Base64 key (at least 32 bytes) of the lookup hashes of personal values (<see cref="Security.LookupKeys"/>). A secret.</summary>
    [Required]
    public string LookupKey { get; set; } = "";

    /// <summary>
    /// Base64 AES-256 key (32 bytes) that seals passport numbers, birth dates, bank account numbers and
    /// holder names in every table (<see cref="Security.FieldCipher"/>). A secret.
    /// </summary>
    [Required]
    public string FieldKey { get; set; } = "";

    /// <summary>The field key before the last rotation: it still opens values until the re-encryption pass has moved them.</summary>
    public string? PreviousFieldKey { get; set; }

    /// <summary>Serve the /dev routes (outbox, sandbox bank). Never on in production.</summary>
    public bool EnableDevelopmentRoutes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }

        if (!IsKey(HmacKey))
        {
            yield return new ValidationResult("HmacKey must be base64 of at least 32 bytes.", [nameof(HmacKey)]);
        }

        if (!IsKey(LookupKey))
        {
            yield return new ValidationResult("LookupKey must be base64 of at least 32 bytes.", [nameof(LookupKey)]);
        }

        if (!IsFieldKey(FieldKey))
        {
            yield return new ValidationResult("FieldKey must be base64 of exactly 32 bytes.", [nameof(FieldKey)]);
        }

        if (!string.IsNullOrEmpty(PreviousFieldKey) && !IsFieldKey(PreviousFieldKey))
        {
            yield return new ValidationResult("PreviousFieldKey must be base64 of exactly 32 bytes.", [nameof(PreviousFieldKey)]);
        }

        if (!string.IsNullOrEmpty(PreviousHmacKey) && !IsKey(PreviousHmacKey))
        {
            yield return new ValidationResult("PreviousHmacKey must be base64 of at least 32 bytes.", [nameof(PreviousHmacKey)]);
        }
    }

    static bool IsKey(string? value) => KeyLength(value) >= 32;

    static bool IsFieldKey(string? value) => KeyLength(value) == 32;

    static int KeyLength(string? value)
    {
        Span<byte> buffer = stackalloc byte[256];
        return !string.IsNullOrEmpty(value) && Convert.TryFromBase64String(value, buffer, out int written) ? written : 0;
    }
}
