namespace Onboarding.Application.Storage;

/// <summary>How a journey's rows are found in a table that holds personal data (what the eraser deletes).</summary>
public enum JourneyRows
{
    /// <summary>PartitionKey = the journey id: the whole partition.</summary>
    PartitionIsJourneyId,

    /// <summary>PartitionKey = the journey's e-mail key (<c>JourneyRecord.EmailKey</c>), while the row still names this journey.</summary>
    PartitionIsEmailKey,

    /// <summary>PartitionKey = the hash of the start's Idempotency-Key (<c>JourneyRecord.IdempotencyKeyHash</c>), if the start had one.</summary>
    PartitionIsIdempotencyKeyHash,

    /// <summary>
    /// PartitionKey = a recipient, and each row names the journey whose message it is (<c>JourneyId</c>):
    /// the journey's rows, and the partitions of its e-mail address and phone number while they are known.
    /// </summary>
    RecipientRowsNamingJourney,

    /// <summary>RowKey = inverted creation time + journey id, in partition <c>all</c> and in each stage's partition.</summary>
    RowKeyIsCreationTimeAndJourneyId,

    /// <summary>PartitionKey = the lookup key of a bank account the journey paid into (its payment orders name it); the rows whose <c>Reference</c> is one of the journey's payment references.</summary>
    PartitionIsBankAccount,

    /// <summary>PartitionKey = one of the journey's payment references (<c>ONB-&lt;journey&gt;-&lt;cycle&gt;</c>).</summary>
    PartitionIsPaymentReference,

    /// <summary>The owner row of the bank account the journey verified (found through the journey's pointer row, PartitionKey = the journey id), while it names this journey.</summary>
    VerifiedBankAccountOfJourney,

    /// <summary>PartitionKey = a per-journey limit's name + ":" + the journey id (inputs, resends, stream openings); counters across journeys stay.</summary>
    CountersOfJourney,

    /// <summary>PartitionKey = the journey id: its published events; the erase appends <c>erased</c> and keeps the head as a tombstone (<c>JourneyEventLog.CloseAsync</c>).</summary>
    EventsOfJourney,
}
