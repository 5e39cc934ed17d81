using Onboarding.Application.Storage;

namespace Onboarding.Application.Events;

/// <summary>
/// Where a journey's events stand. Table <c>JourneyEvents</c>; PartitionKey = journey id, RowKey = "head".
/// Every append changes it in the same transaction as the event's row (its ETag serialises appends).
/// </summary>
public sealed class JourneyEventHead : TableRow
{
    public const string Row = "head";

    /// <summary>The sequence of the journey's newest event (0: none yet).</summary>
    public int Last { get; set; }

    /// <summary>Every event up to this sequence was accepted by the topic.</summary>
    public int Delivered { get; set; }

    /// <summary>Set by the erase: the journey takes no event but <c>erased</c> any more. The head stays as the tombstone.</summary>
    public DateTimeOffset? ErasedAt { get; set; }
}
