using Onboarding.Application.Storage;

namespace Onboarding.Application.Events;

/// <summary>
/// A journey whose events a step could not publish: the relay's list. Table <c>JourneyEvents</c>;
/// PartitionKey = "pending", RowKey = journey id. Written only when a publish fails, so the relay's
/// idle pass is one query of an empty partition.
/// </summary>
public sealed class PendingJourneyEvents : TableRow
{
    public const string Partition = "pending";

    public DateTimeOffset Since { get; set; }
}
