using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Application.Messaging;

/// <summary>
/// The HMAC-SHA256 request signature of Azure Communication Services (as the Azure SDK's
/// HMACAuthenticationPolicy computes it): sign "METHOD\npath?query\nx-ms-date;host;content-sha256"
/// with the base64-decoded access key.
/// </summary>
public static class AcsRequestSignature
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    public static string Date(DateTimeOffset now) => now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <param name="authority">host[:port] as <see cref="Uri.Authority"/> gives it (default ports omitted).</param>
    public static string Sign(string accessKey, string method, string pathAndQuery, string date, string authority, string contentHash)
    {
        string stringToSign = $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{authority};{contentHash}";
        byte[] signature = HMACSHA256.HashData(Convert.FromBase64String(accessKey), Encoding.ASCII.GetBytes(stringToSign));
        return Convert.ToBase64String(signature);
    }

    public static string AuthorizationHeader(string signature) => $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}";
}
