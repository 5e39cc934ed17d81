using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>HumanCheck</c>: the bot check that starts and resends need (a Cloudflare Turnstile token), or none.</summary>
public sealed class HumanCheckOptions : IValidatableObject
{
    public const string SectionName = "HumanCheck";

    public HumanCheckProvider Provider { get; set; } = HumanCheckProvider.None;

    /// <summary>The Turnstile widget's secret key. A secret (Key Vault on Azure).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Turnstile's siteverify endpoint (tests point it at a local stand-in).</summary>
    public string SiteVerifyUrl { get; set; } = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

    /// <summary>
    /// The host names of the pages the widget may be solved on, separated by commas (a frontend on
    /// another origin adds its own); empty means the host of <c>Onboarding:PublicBaseUrl</c>, where the
    /// web app is served.
    /// </summary>
    public string Hostnames { get; set; } = "";

    /// <summary>The host names a token's page must have.</summary>
    public IReadOnlySet<string> AllowedHostnames(string publicBaseUrl)
    {
        string[] configured = Hostnames.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new HashSet<string>(configured.Length > 0 ? configured : [new Uri(publicBaseUrl).Host], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>How long a verification may take before the request is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == HumanCheckProvider.Turnstile && string.IsNullOrWhiteSpace(SecretKey))
        {
            yield return new ValidationResult("SecretKey is required with Provider=turnstile.", [nameof(SecretKey)]);
        }

        if (!Uri.TryCreate(SiteVerifyUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("SiteVerifyUrl must be an absolute http(s) URL.", [nameof(SiteVerifyUrl)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("Timeout must be between 0 and 30 seconds.", [nameof(Timeout)]);
        }
    }
}

public enum HumanCheckProvider
{
    None,
    Turnstile,
}
