using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// <c>Idempotency-Key</c> for starts: the same key and body within 24 hours give back the same
/// journey id and token instead of a second journey. The first request records the ids before
/// it starts anything (a conditional insert), so concurrent and retried requests converge. A key
/// must be hard to guess (it hands over a journey token): 16 to 255 characters of
/// <c>[A-Za-z0-9_-]</c> — a UUID v4 — and it is stored only as its lookup key.
/// </summary>
public sealed class IdempotentStarts(OnboardingTables tables, LookupKeys keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    const int MinKeyLength = 16;
    const int MaxKeyLength = 255;

    /// <summary>The first request's journey id and token for this key, if it was made within the lifetime; <c>422</c> for another body.</summary>
    public async Task<(string JourneyId, string Token)?> FindAsync(string idempotencyKey, string bodyHash, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.IdempotencyKeys);
        IdempotencyRecord? existing = await table.FindAsync<IdempotencyRecord>(KeyHashOf(idempotencyKey), "", cancellationToken);
        return Live(existing, idempotencyKey, bodyHash);
    }

    /// <summary>The journey id and token to start with for this key, fresh or from the first request, and the key's row key.</summary>
    public async Task<(string JourneyId, string Token, string KeyHash)> ReserveAsync(string idempotencyKey, string bodyHash, Func<(string, string)> newIds, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.IdempotencyKeys);
        string partition = KeyHashOf(idempotencyKey);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            IdempotencyRecord? existing = await table.FindAsync<IdempotencyRecord>(partition, "", cancellationToken);
            if (Live(existing, idempotencyKey, bodyHash) is { } first)
            {
                return (first.JourneyId, first.Token, partition);
            }

            (string journeyId, string token) = newIds();
            var record = new IdempotencyRecord
            {
                PartitionKey = partition,
                RowKey = "",
                BodyHash = bodyHash,
                JourneyId = journeyId,
                EncryptedToken = Encrypt(idempotencyKey, token),
                CreatedAt = time.GetUtcNow(),
            };
            try
            {
                if (existing is not null)
                {
                    await table.UpdateEntityAsync(record, existing.ETag, TableUpdateMode.Replace, cancellationToken); // an expired key, reused
                }
                else
                {
                    await table.AddEntityAsync(record, cancellationToken);
                }

                return (journeyId, token, partition);
            }
            catch (RequestFailedException exception) when (TableErrors.IsConflict(exception) || TableErrors.IsPreconditionFailed(exception))
            {
                // a concurrent request with the same key won: read its ids
            }
        }

        throw Problems.JourneyInProgress();
    }

    /// <summary>The header's value, checked: <c>400</c> unless it is a key hard enough to guess.</summary>
    public static string Validate(string idempotencyKey) =>
        idempotencyKey.Length is >= MinKeyLength and <= MaxKeyLength && idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? idempotencyKey
            : throw Problems.Validation("Idempotency-Key", $"Must be {MinKeyLength} to {MaxKeyLength} characters of A-Z, a-z, 0-9, '-' and '_': send a UUID v4.");

    string KeyHashOf(string idempotencyKey) => keys.Of(LookupPurpose.IdempotencyKey, idempotencyKey);

    (string JourneyId, string Token)? Live(IdempotencyRecord? existing, string idempotencyKey, string bodyHash)
    {
        if (existing is null || time.GetUtcNow() - existing.CreatedAt >= Lifetime)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(existing.BodyHash), Encoding.ASCII.GetBytes(bodyHash)))
        {
            throw Problems.IdempotencyKeyReused();
        }

        return (existing.JourneyId, Decrypt(idempotencyKey, existing.EncryptedToken));
    }

    /// <summary>What the key is bound to: the body without its human check token (a retry brings a fresh one).</summary>
    public static string BodyHash(StartJourneyRequest body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(body with { HumanCheckToken = null }, ApiJson.Options))));

    static byte[] KeyFor(string idempotencyKey) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("onboarding/idempotency-token\n" + idempotencyKey));

    static string Encrypt(string idempotencyKey, string token)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        byte[] plain = Encoding.UTF8.GetBytes(token);
        byte[] cipher = new byte[plain.Length];
        byte[] tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(KeyFor(idempotencyKey), tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    static string Decrypt(string idempotencyKey, string sealedToken)
    {
        byte[] data = Convert.FromBase64String(sealedToken);
        int nonceSize = AesGcm.NonceByteSizes.MaxSize;
        int tagSize = AesGcm.TagByteSizes.MaxSize;
        byte[] plain = new byte[data.Length - nonceSize - tagSize];
        using var aes = new AesGcm(KeyFor(idempotencyKey), tagSize);
        aes.Decrypt(data.AsSpan(0, nonceSize), data.AsSpan(nonceSize + tagSize), data.AsSpan(nonceSize, tagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
