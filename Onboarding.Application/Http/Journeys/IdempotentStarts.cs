using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure;
using Onboarding.Application.Contract;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http.Journeys;

/// <summary>
/// <c>Idempotency-Key</c> for starts: the same key and body within 24 hours give back the same
/// journey id and token instead of a second journey. The first request records the ids before
/// it starts anything (a conditional insert), so concurrent and retried requests converge.
/// </summary>
public sealed class IdempotentStarts(OnboardingTables tables, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    const int MaxKeyLength = 255;

    /// <summary>The journey id and token to start with for this key, fresh or from the first request, and the key's row key.</summary>
    public async Task<(string JourneyId, string Token, string KeyHash)> ReserveAsync(string idempotencyKey, string bodyHash, Func<(string, string)> newIds, CancellationToken cancellationToken)
    {
        if (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(c => c is < ' ' or > '~'))
        {
            throw Problems.Validation("Idempotency-Key", $"Must be 1 to {MaxKeyLength} printable ASCII characters.");
        }

        TableClient table = await tables.GetAsync(OnboardingTables.IdempotencyKeys);
        string partition = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        for (int attempt = 0; attempt < 3; attempt++)
        {
            IdempotencyRecord? existing = await table.FindAsync<IdempotencyRecord>(partition, "", cancellationToken);
            if (existing is not null && time.GetUtcNow() - existing.CreatedAt < Lifetime)
            {
                IdempotencyRecord first = existing;
                if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(first.BodyHash), Encoding.ASCII.GetBytes(bodyHash)))
                {
                    throw Problems.IdempotencyKeyReused();
                }

                return (first.JourneyId, Decrypt(idempotencyKey, first.EncryptedToken), partition);
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

    public static string BodyHash(StartJourneyRequest body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(body, ApiJson.Options))));

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
