using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Onboarding</c>: the service's own settings.</summary>
public sealed class OnboardingOptions : IValidatableObject
{
    public const string SectionName = "Onboarding";

    /// <summary>Where users reach the API; e-mail links point here.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// Where e-mail links point instead of the API's own confirmation page: a page of a frontend (or a
    /// mobile app's universal link) that gets <c>#journey={id}&amp;token={token}</c> appended and posts the
    /// token back. Empty: <c>{PublicBaseUrl}/api/journeys/{id}/email-confirmation?token={token}</c>.
    /// </summary>
    public string? EmailLinkBase { get; set; }

    /// <summary>
    /// Where a way back into a journey points (<see cref="Resume.ResumeLinks"/>): the web app, or a mobile app's
    /// universal link, that gets <c>#journey={id}&amp;resume={token}</c> appended. Empty: the web app both hosts
    /// serve, <c>{PublicBaseUrl}/</c>.
    /// </summary>
    public string? ResumeLinkBase { get; set; }

    /// <summary>The page resume links open.</summary>
    public string ResumeLinkPage => string.IsNullOrEmpty(ResumeLinkBase) ? PublicBaseUrl.TrimEnd('/') + "/" : ResumeLinkBase;

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

    /// <summary>
    /// The longest a request takes: what storage or the Durable task hub has not answered by then is
    /// <c>503 unavailable</c> with Retry-After (the contract's 10 s; an input route's wait ends with it).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }

        if (!string.IsNullOrEmpty(EmailLinkBase)
            && (!Uri.TryCreate(EmailLinkBase, UriKind.Absolute, out Uri? link) || link.Scheme is not ("http" or "https") || EmailLinkBase.Contains('#', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("EmailLinkBase must be an absolute http(s) URL without a fragment (#).", [nameof(EmailLinkBase)]);
        }

        if (!string.IsNullOrEmpty(ResumeLinkBase)
            && (!Uri.TryCreate(ResumeLinkBase, UriKind.Absolute, out Uri? resume) || resume.Scheme is not ("http" or "https") || ResumeLinkBase.Contains('#', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("ResumeLinkBase must be an absolute http(s) URL without a fragment (#).", [nameof(ResumeLinkBase)]);
        }

        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromSeconds(60))
        {
            yield return new ValidationResult("RequestTimeout must be between 1 and 60 seconds.", [nameof(RequestTimeout)]);
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
