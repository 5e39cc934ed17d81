using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Security;

/// <summary>
/// Every random value and every keyed hash the service makes. Codes, link tokens and deposit
/// amounts never travel in plain form: the orchestration sees only their HMACs under the
/// server key (a plain hash of a 6-digit code could be reversed by trying all million).
/// </summary>
public sealed class JourneySecrets
{
    readonly byte[] key;
    readonly byte[]? previousKey;

    public JourneySecrets(IOptions<OnboardingOptions> options)
    {
        key = Convert.FromBase64String(options.Value.HmacKey);
        previousKey = string.IsNullOrEmpty(options.Value.PreviousHmacKey) ? null : Convert.FromBase64String(options.Value.PreviousHmacKey);
    }

    /// <summary>128 random bits as 32 lower-case hex digits: the journey id and orchestration instance id.</summary>
    public static string NewJourneyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsJourneyId(string? value) =>
        value is { Length: 32 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>256 random bits, base64url: bearer tokens and e-mail link tokens.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="value"/> has the form of <see cref="NewToken"/>'s tokens: 43 characters of base64url.</summary>
    public static bool IsToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Six digits, uniformly from a CSPRNG.</summary>
    public static string NewPhoneCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// SHA-256 of a bearer token: the token is 256 random bits, so an unkeyed hash is safe and
    /// survives key rotation.
    /// </summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True when <paramref name="token"/> hashes to <paramref name="expectedHash"/>, compared in constant time.</summary>
    public static bool TokenMatches(string token, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(token)), Encoding.ASCII.GetBytes(expectedHash));

    /// <summary>HMAC under the current key of a secret bound to its purpose and journey.</summary>
    public string Hmac(SecretPurpose purpose, string journeyId, string secret) => Hmac(key, purpose, journeyId, secret);

    /// <summary>HMACs under the current and (during a rotation) the previous key; what inputs carry.</summary>
    public IReadOnlyList<string> Candidates(SecretPurpose purpose, string journeyId, string secret) =>
        previousKey is null
            ? [Hmac(key, purpose, journeyId, secret)]
            : [Hmac(key, purpose, journeyId, secret), Hmac(previousKey, purpose, journeyId, secret)];

    static string Hmac(byte[] key, SecretPurpose purpose, string journeyId, string secret)
    {
        byte[] message = Encoding.UTF8.GetBytes($"{purpose}\n{journeyId}\n{secret}");
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, message));
    }
}

/// <summary>What a keyed hash is for, so that one secret's HMAC can never stand in for another's.</summary>
public enum SecretPurpose
{
    PhoneCode,
    EmailLink,
    DepositAmounts,

    /// <summary>The content of an input with personal data, bound to the event that refers to it (<see cref="Inputs.JourneyInputStore"/>).</summary>
    BoundInput,
}
