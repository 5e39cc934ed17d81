using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Security;

/// <summary>
/// Keyed hashes of personal values that must be compared for equality — one account per address,
/// limits across journeys per phone number, bank account or passport — so that no table stores
/// the plain value, and nobody holding a table can test guesses against it without the key
/// (<c>Onboarding:LookupKey</c>). Unlike the HMAC key of codes and links, this key is not rotated
/// in place: rows keyed by it would no longer be found (docs/deploy.md).
/// </summary>
public sealed class LookupKeys(IOptions<OnboardingOptions> options)
{
    readonly byte[] key = Convert.FromBase64String(options.Value.LookupKey);

    /// <summary>The lookup key of a bank account number, in its one canonical form (<see cref="BankAccountNumber.Canonical"/>).</summary>
    public string OfBankAccount(string digits) => Of(LookupPurpose.BankAccount, BankAccountNumber.Canonical(digits));

    /// <summary>The lookup key of <paramref name="value"/> (already in its canonical form) for <paramref name="purpose"/>: 64 hex digits.</summary>
    public string Of(LookupPurpose purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{value}")));
}

/// <summary>What a lookup key is of, so that equal values of different kinds never share a key.</summary>
public enum LookupPurpose
{
    Email,
    PhoneNumber,
    BankAccount,
    Passport,
    IdempotencyKey,
    ClientAddress,
}
