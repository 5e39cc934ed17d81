using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Http;

/// <summary>
/// Who may act as an operator, on both hosts: a person (or an application) that App Service
/// Authentication signed in with Microsoft Entra ID and whose token carries the operator app role
/// — read from the platform's <c>X-MS-CLIENT-PRINCIPAL</c> header, believed only where
/// <c>Operator:TrustPlatformPrincipal</c> says the platform sets it — or automation sending the
/// operator key as <c>x-functions-key</c>. The answer names who it is, for the audit trail.
/// </summary>
public sealed class OperatorAccess(IOptions<OperatorOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Where App Service Authentication signs a person in with Entra ID, and back to the page.</summary>
    public const string SignInPath = "/.auth/login/aad?post_login_redirect_uri=/ops";

    /// <summary>The operator making the request; <c>401</c> (nobody) or <c>403</c> (signed in without the role) otherwise.</summary>
    public string Authorize(HttpRequest request)
    {
        if (KeyMatches(request))
        {
            return "automation (operator key)";
        }

        if (SignedIn(request) is not { } principal)
        {
            throw Problems.OperatorKeyRequired();
        }

        return principal.HasRole(options.Value.Role) ? principal.Name : throw Problems.OperatorRoleRequired(options.Value.Role);
    }

    /// <summary>The signed-in principal, where the platform's header is believed and present.</summary>
    public Principal? SignedIn(HttpRequest request)
    {
        if (!options.Value.TrustPlatformPrincipal || request.Headers[PrincipalHeader] is not [{ Length: > 0 } encoded])
        {
            return null;
        }

        return Principal.Decode(encoded, request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault());
    }

    public bool TrustsPlatformPrincipal => options.Value.TrustPlatformPrincipal;

    bool KeyMatches(HttpRequest request)
    {
        string expected = options.Value.Key;
        return expected.Length > 0 && request.Headers["x-functions-key"] is [{ } sent]
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>What App Service Authentication says about the caller: a name for the audit trail, and the roles of its token.</summary>
    public sealed record Principal(string Name, IReadOnlySet<string> Roles)
    {
        public bool HasRole(string role) => Roles.Contains(role);

        /// <summary>Decodes the header (base64 of <c>{ auth_typ, claims: [{ typ, val }], name_typ, role_typ }</c>); null when it is not that.</summary>
        public static Principal? Decode(string encoded, string? headerName)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(Convert.FromBase64String(encoded));
                JsonElement root = document.RootElement;
                string roleType = Text(root, "role_typ") ?? "roles";
                string nameType = Text(root, "name_typ") ?? "name";
                var claims = root.GetProperty("claims").EnumerateArray()
                    .Select(claim => (Type: Text(claim, "typ") ?? "", Value: Text(claim, "val") ?? ""))
                    .ToArray();
                string? Claim(params string[] types) => types.Select(type => claims.FirstOrDefault(claim => claim.Type == type).Value).FirstOrDefault(value => !string.IsNullOrEmpty(value));

                // A person has a name; an application signed in with its own credentials has only its id.
                string name = Claim(nameType, "preferred_username", "name", "upn")
                    ?? headerName
                    ?? (Claim("appid", "azp") is { } app ? $"application {app}" : null)
                    ?? Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid")
                    ?? "a signed-in principal";
                var roles = claims.Where(claim => claim.Type == roleType || claim.Type == "roles").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
                return new Principal(name, roles);
            }
            catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        static string? Text(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
