using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Security;

/// <summary>
/// Field-level encryption of the values that identify a person on their own (<see cref="PersonalField"/>),
/// wherever a table stores them: AES-256-GCM under <c>Onboarding:FieldKey</c>, bound to the field and
/// the row it belongs to (a sealed value copied into another row or column does not open). A sealed
/// value reads <c>enc1:&lt;key id&gt;:&lt;base64url(nonce, tag, ciphertext)&gt;</c>; the key id is derived
/// from the key, so rotating means a new key and the old one as <c>Onboarding:PreviousFieldKey</c>: the
/// new key seals, both open, and the re-encryption pass moves old rows to the new key. A value without
/// the prefix is one the earlier build stored in plain text: it is read as it is (and sealed by the pass).
/// </summary>
public sealed class FieldCipher
{
    const string Format = "enc1";
    const int NonceSize = 12;
    const int TagSize = 16;

    readonly SealingKey current;
    readonly SealingKey? previous;

    public FieldCipher(IOptions<OnboardingOptions> options)
    {
        current = new SealingKey(Convert.FromBase64String(options.Value.FieldKey));
        previous = string.IsNullOrEmpty(options.Value.PreviousFieldKey) ? null : new SealingKey(Convert.FromBase64String(options.Value.PreviousFieldKey));
    }

    /// <summary>What every value sealed under the current key starts with.</summary>
    public string CurrentPrefix => current.Prefix;

    /// <summary>The value sealed under the current key for <paramref name="field"/> of row <paramref name="rowId"/>; null stays null.</summary>
    public string? Seal(PersonalField field, string rowId, string? plain)
    {
        if (plain is null)
        {
            return null;
        }

        byte[] nonce = RandomNumberGenerator.GetBytes(NonceSize);
        byte[] clear = Encoding.UTF8.GetBytes(plain);
        byte[] sealedBytes = new byte[NonceSize + TagSize + clear.Length];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(current.Bytes, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(field, rowId));
        return current.Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>
    /// The plain value of a stored one: opened with the key it names, or, without the prefix, as the
    /// earlier build stored it. Throws when the key is not configured or the value was altered or moved.
    /// </summary>
    public string? Open(PersonalField field, string rowId, string? stored)
    {
        if (stored is null || !stored.StartsWith(Format + ":", StringComparison.Ordinal))
        {
            return stored;
        }

        SealingKey key = stored.StartsWith(current.Prefix, StringComparison.Ordinal) ? current
            : previous is not null && stored.StartsWith(previous.Prefix, StringComparison.Ordinal) ? previous
            : throw new CryptographicException($"A {field} is sealed under a key that is not configured (neither Onboarding:FieldKey nor Onboarding:PreviousFieldKey).");
        byte[] sealedBytes = Base64Url.DecodeFromChars(stored.AsSpan(key.Prefix.Length));
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"A sealed {field} is too short.");
        }

        byte[] clear = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), clear, AssociatedData(field, rowId));
        return Encoding.UTF8.GetString(clear);
    }

    /// <summary>Whether a stored value is absent or sealed under the current key (nothing for the re-encryption pass to do).</summary>
    public bool IsCurrent(string? stored) => stored is null || stored.StartsWith(current.Prefix, StringComparison.Ordinal);

    /// <summary>The stored value sealed under the current key: re-sealed if it was under the previous key, sealed if it was plain.</summary>
    public string? Reseal(PersonalField field, string rowId, string? stored) =>
        IsCurrent(stored) ? stored : Seal(field, rowId, Open(field, rowId, stored));

    static byte[] AssociatedData(PersonalField field, string rowId) => Encoding.UTF8.GetBytes($"{field}\n{rowId}");

    sealed class SealingKey
    {
        public SealingKey(byte[] bytes)
        {
            Bytes = bytes;
            Prefix = $"{Format}:{IdOf(bytes)}:";
        }

        public byte[] Bytes { get; }

        public string Prefix { get; }
    }

    /// <summary>A key's id: 8 hex digits of a hash of it, which tells keys apart and reveals nothing of them.</summary>
    public static string IdOf(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "onboarding/field-key-id\n"u8, .. key]))[..8];
}

/// <summary>The values stored sealed (<see cref="FieldCipher"/>): each identifies a person on its own.</summary>
public enum PersonalField
{
    DateOfBirth,
    PassportNumber,
    BankAccountNumber,
    AccountHolderName,
}
