using Microsoft.DurableTask.Client;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Retention;

/// <summary>
/// Erases that must still happen: ones that stopped half-way (the request failed or its host went
/// down, and the journey already answers 404 to everyone, so nobody can retry it), and verified
/// journeys whose KYC record reached the end of its retention period after the user asked for erasure.
/// </summary>
public sealed class ErasureSweep(JourneyRecords records, JourneyEraser eraser, ErasureRequests requests, TimeProvider time)
{
    public const string EraseFinished = "erase_finished";
    public const string KycRecordErased = "kyc_record_erased";

    /// <summary>An erase takes seconds: one marked this long ago is not running any more.</summary>
    static readonly TimeSpan UnfinishedAfter = TimeSpan.FromMinutes(10);

    public async Task RunAsync(DurableTaskClient durable, SweepLease.Held lease, SweepReport report, CancellationToken cancellationToken)
    {
        await foreach (JourneyRecord row in records.ErasingSinceBeforeAsync(time.GetUtcNow() - UnfinishedAfter, cancellationToken))
        {
            await lease.RenewIfDueAsync(cancellationToken);
            await report.GuardAsync("unfinished erase", row.JourneyId, async () =>
            {
                await eraser.EraseAsync(durable, row, ErasedBy.Operator, cancellationToken); // the row names who began it
                report.Count(EraseFinished);
            });
        }

        await foreach (ErasureRequest due in requests.DueAsync(time.GetUtcNow(), cancellationToken))
        {
            await lease.RenewIfDueAsync(cancellationToken);
            await report.GuardAsync("KYC record past retention", due.JourneyId, async () =>
            {
                // The journey's row is usually gone by now (purged with its history); the account names the person.
                JourneyRecord journey = await records.FindAsync(due.JourneyId, cancellationToken)
                    ?? new JourneyRecord { PartitionKey = due.JourneyId, RowKey = JourneyRecord.Row, CreatedAt = due.JourneyCreatedAt };
                await eraser.EraseAsync(durable, journey, ErasedBy.Retention, cancellationToken);
                report.Count(KycRecordErased);
            });
        }
    }
}
