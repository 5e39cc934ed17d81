using Azure.Data.Tables;
using Azure;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Limits;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Erases a journey: ends its orchestration and purges its history, deletes every row holding the
/// person's data (journey, account, e-mail claim, deliveries, idempotency record, projection,
/// sandbox bank and outbox rows) and replaces the audit trail with a tombstone that names only who erased it.
/// The journey's row is marked first, so every route but the erase answers 404 from then on.
/// Every step may run again; the journey's own row goes last, so a failed erase is retried by
/// calling it again.
/// </summary>
public sealed class JourneyEraser(OnboardingTables tables, JourneyRecords records, EmailClaims claims, JourneyIndex index, AuditTrail audit, BankAccountOwners owners, LimitCounters counters, TimeProvider time)
{
    static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(2);

    /// <param name="by">Who erased it, for the tombstone: the operator, by the name they signed in with, or automation.</param>
    public async Task EraseAsync(DurableTaskClient durable, JourneyRecord journey, CancellationToken cancellationToken, string by = "an operator")
    {
        string journeyId = journey.JourneyId;

        // First the journey disappears from every route: without this, a request between the purge
        // and the row's deletion would find a row without an orchestration (a journey "not started yet").
        if (journey.ErasingSince is null)
        {
            await records.MarkErasingAsync(journeyId, time.GetUtcNow(), cancellationToken);
        }

        await EndOrchestrationAsync(durable, journeyId, cancellationToken);

        // An activity already running when the orchestration ended may still write (a delivery,
        // a progress report, its completion message): delete, give such a straggler time to
        // finish (and the engine time to let go of the ended instance), then purge and delete again.
        await DeleteRowsAsync(journey, cancellationToken);
        await Task.Delay(StragglerGrace, time, cancellationToken);
        await durable.PurgeInstanceAsync(journeyId, cancellation: cancellationToken);
        await DeleteRowsAsync(journey, cancellationToken);
        if (await durable.GetInstanceAsync(journeyId, cancellationToken) is not null)
        {
            throw new InvalidOperationException("The journey's history is still there; erase again.");
        }

        DateTimeOffset now = time.GetUtcNow();
        await audit.AppendAsync(journeyId, now, "erased", AuditEventTypes.Erased, $"personal data and history erased by {by}", cancellationToken);
        await DeleteAsync(OnboardingTables.Journeys, journeyId, JourneyRecord.Row, cancellationToken);
    }

    async Task DeleteRowsAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        string journeyId = journey.JourneyId;
        await DeletePartitionAsync(OnboardingTables.Deliveries, journeyId, cancellationToken);
        await DeleteAsync(OnboardingTables.Accounts, journeyId, AccountRecord.Row, cancellationToken);
        await claims.ReleaseAsync(journey.EmailKey, journeyId, cancellationToken);
        if (!string.IsNullOrEmpty(journey.IdempotencyKeyHash))
        {
            await DeleteAsync(OnboardingTables.IdempotencyKeys, journey.IdempotencyKeyHash, "", cancellationToken);
        }

        await index.DeleteAsync(journeyId, journey.CreatedAt, cancellationToken);
        await owners.ForgetJourneyAsync(journeyId, cancellationToken);
        await counters.ForgetJourneyAsync(journeyId, cancellationToken);
        await DeleteSandboxBankRowsAsync(journey, cancellationToken);
        await DeletePartitionAsync(OnboardingTables.DevOutbox, journey.Email, cancellationToken);
        await DeletePartitionAsync(OnboardingTables.DevOutbox, journey.PhoneNumber, cancellationToken);

        await DeletePartitionAsync(AuditTrail.Table, journeyId, cancellationToken);
    }

    static async Task EndOrchestrationAsync(DurableTaskClient durable, string journeyId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(journeyId, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            return;
        }

        await durable.TerminateInstanceAsync(journeyId, "erased", cancellationToken);
        DateTime giveUp = DateTime.UtcNow + TerminationWait;
        while (DateTime.UtcNow < giveUp)
        {
            instance = await durable.GetInstanceAsync(journeyId, cancellationToken);
            if (instance is null || instance.IsCompleted)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("The journey's orchestration did not end; erase again.");
    }

    async Task DeleteSandboxBankRowsAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (journey.BankAccountNumber is null)
        {
            return;
        }

        string prefix = SendDeposits.ReferencePrefixOf(journey.JourneyId);
        TableClient transfers = await tables.GetAsync(SandboxBank.TransfersTable);
        TableClient payments = await tables.GetAsync(SandboxBank.PaymentsTable);
        await foreach (SandboxTransfer transfer in transfers.QueryAsync<SandboxTransfer>(
            TableClient.CreateQueryFilter($"PartitionKey eq {journey.BankAccountNumber}"), cancellationToken: cancellationToken))
        {
            if (transfer.Reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                await payments.DeleteEntityAsync(transfer.Reference, "", ETag.All, cancellationToken).IgnoreNotFound();
                await transfers.DeleteEntityAsync(transfer.PartitionKey, transfer.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            }
        }
    }

    async Task DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        TableClient client = await tables.GetAsync(table);
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
        }
    }

    async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableClient client = await tables.GetAsync(table);
        await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).IgnoreNotFound();
    }
}
