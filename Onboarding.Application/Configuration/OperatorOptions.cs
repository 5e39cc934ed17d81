namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Operator</c>: who may use the operator routes and page.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>The key automation sends as <c>x-functions-key</c> (compared in constant time). Empty: no key is accepted.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Believe the platform's principal header (<c>X-MS-CLIENT-PRINCIPAL</c>), which App Service
    /// Authentication sets and strips from incoming requests. Only where that is on (Azure):
    /// anywhere else a client could send the header itself.
    /// </summary>
    public bool TrustPlatformPrincipal { get; set; }

    /// <summary>The app role a signed-in principal needs.</summary>
    public string Role { get; set; } = "Onboarding.Operator";
}
