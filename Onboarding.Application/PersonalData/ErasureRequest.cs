using Onboarding.Application.Storage;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// A user's request to erase a verified journey, which waits for the end of its KYC record's
/// retention period; operators see it until then. Table <c>ErasureRequests</c>; PartitionKey =
/// journey id, RowKey = "".
/// </summary>
public sealed class ErasureRequest : TableRow
{
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Until when the KYC record is kept; then the retention sweep erases the journey.</summary>
    public DateTimeOffset RetainedUntil { get; set; }

    /// <summary>The journey's creation time, which locates its projection rows once its own row is gone.</summary>
    public DateTimeOffset JourneyCreatedAt { get; set; }

    public string JourneyId => PartitionKey;
}
