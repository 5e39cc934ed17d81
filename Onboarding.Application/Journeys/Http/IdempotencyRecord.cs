using Onboarding.Application.Storage;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// The first start made with an Idempotency-Key. Table <c>IdempotencyKeys</c>;
/// PartitionKey = lookup key of the key, RowKey = "". The journey token is kept encrypted under a
/// key derived from the Idempotency-Key itself, which is not stored: the row alone reveals nothing.
/// </summary>
public sealed class IdempotencyRecord : TableRow
{
    public string BodyHash { get; set; } = "";
    public string JourneyId { get; set; } = "";
    public string EncryptedToken { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
