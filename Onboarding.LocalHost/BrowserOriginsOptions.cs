using System.ComponentModel.DataAnnotations;

namespace Onboarding.LocalHost;

/// <summary>
/// Section <c>Cors</c> of the local host: the exact origins (<c>https://app.example.com</c>, no path,
/// no wildcard) whose pages may call the API. On Azure the Function app's <c>siteConfig.cors</c> holds
/// the same list (infra/main.bicep, parameter <c>corsAllowedOrigins</c>).
/// </summary>
public sealed class BrowserOriginsOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (string origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin)
            {
                yield return new ValidationResult(
                    $"Cors:AllowedOrigins: '{origin}' is not an exact origin such as https://app.example.com (scheme, host and port only).",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
