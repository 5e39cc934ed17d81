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
/// Erases a journey: ends its orchestration and purges its history, deletes the journey's rows in
/// every table of <see cref="OnboardingTables.PersonalData"/> and replaces the audit trail with a
/// tombstone that names only who erased it. The journey's row is marked first, so every route but the erase
/// answers 404 from then on. Every step may run again; the journey's own row goes last, so a
/// failed erase is retried by calling it again.
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
        await DeleteJourneyRowsAsync(OnboardingTables.PersonalData.Single(table => table.Name == OnboardingTables.Journeys), journey, cancellationToken);
    }

    /// <summary>The journey's rows in every table that holds personal data but its own row, which goes last.</summary>
    async Task DeleteRowsAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        foreach (PersonalDataTable table in OnboardingTables.PersonalData.Where(table => table.Name != OnboardingTables.Journeys))
        {
            await DeleteJourneyRowsAsync(table, journey, cancellationToken);
        }
    }

    Task DeleteJourneyRowsAsync(PersonalDataTable table, JourneyRecord journey, CancellationToken cancellationToken) => table.Rows switch
    {
        JourneyRows.PartitionIsJourneyId => DeletePartitionAsync(table.Name, journey.JourneyId, cancellationToken),
        JourneyRows.PartitionIsEmailKey => claims.ReleaseAsync(journey.EmailKey, journey.JourneyId, cancellationToken),
        JourneyRows.PartitionIsIdempotencyKeyHash => string.IsNullOrEmpty(journey.IdempotencyKeyHash)
            ? Task.CompletedTask
            : DeleteWhereAsync(table.Name, TableClient.CreateQueryFilter($"PartitionKey eq {journey.IdempotencyKeyHash}"), cancellationToken),
        JourneyRows.PartitionIsRecipient => DeleteRecipientsAsync(table.Name, journey, cancellationToken),
        JourneyRows.RowKeyIsCreationTimeAndJourneyId => index.DeleteAsync(journey.JourneyId, journey.CreatedAt, cancellationToken),
        JourneyRows.PartitionIsBankAccount => DeleteTransfersAsync(table.Name, journey, cancellationToken),
        JourneyRows.PartitionIsPaymentReference => DeletePaymentsAsync(table.Name, journey, cancellationToken),
        JourneyRows.VerifiedBankAccountOfJourney => owners.ForgetJourneyAsync(journey.JourneyId, cancellationToken),
        JourneyRows.CountersOfJourney => counters.ForgetJourneyAsync(journey.JourneyId, cancellationToken),
        _ => throw new InvalidOperationException($"The eraser does not know how to find a journey's rows in table {table.Name} ({table.Rows})."),
    };

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

    async Task DeleteRecipientsAsync(string table, JourneyRecord journey, CancellationToken cancellationToken)
    {
        await DeletePartitionAsync(table, journey.Email, cancellationToken);
        await DeletePartitionAsync(table, journey.PhoneNumber, cancellationToken);
    }

    /// <summary>The account's transfers that carry one of the journey's payment references (the account may have others').</summary>
    async Task DeleteTransfersAsync(string table, JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (journey.BankAccountNumber is null)
        {
            return;
        }

        string prefix = SendDeposits.ReferencePrefixOf(journey.JourneyId);
        TableClient client = await tables.GetAsync(table);
        await foreach (SandboxTransfer transfer in client.QueryAsync<SandboxTransfer>(
            TableClient.CreateQueryFilter($"PartitionKey eq {journey.BankAccountNumber}"), cancellationToken: cancellationToken))
        {
            if (transfer.Reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                await client.DeleteEntityAsync(transfer.PartitionKey, transfer.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            }
        }
    }

    /// <summary>The payment orders whose reference is one of the journey's (a range of partitions), for its account.</summary>
    async Task DeletePaymentsAsync(string table, JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (journey.BankAccountNumber is null)
        {
            return;
        }

        string prefix = SendDeposits.ReferencePrefixOf(journey.JourneyId);
        string afterPrefix = prefix[..^1] + (char)(prefix[^1] + 1);
        await DeleteWhereAsync(table, TableClient.CreateQueryFilter(
            $"PartitionKey ge {prefix} and PartitionKey lt {afterPrefix} and AccountNumber eq {journey.BankAccountNumber}"), cancellationToken);
    }

    Task DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken) =>
        DeleteWhereAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);

    async Task DeleteWhereAsync(string table, string filter, CancellationToken cancellationToken)
    {
        TableClient client = await tables.GetAsync(table);
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
        }
    }
}
