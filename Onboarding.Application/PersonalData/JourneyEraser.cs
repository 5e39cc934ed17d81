using Azure.Data.Tables;
using Azure;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Erases a journey: ends its orchestration and purges its history, deletes every row holding the
/// person's data (journey, account, e-mail claim, deliveries, idempotency record, projection,
/// sandbox bank and outbox rows) and replaces the audit trail with a tombstone that names no one.
/// The journey's row is marked first, so every route but the erase answers 404 from then on.
/// Every step may run again; the journey's own row goes last, so a failed erase is retried by
/// calling it again (the retention sweep finishes one nobody retries). Once a row's personal data is
/// removed, the account (if any) still names the e-mail address and phone number to erase.
/// </summary>
public sealed class JourneyEraser(OnboardingTables tables, JourneyRecords records, EmailClaims claims, JourneyIndex index, AuditTrail audit, SandboxBank bank, ErasureRequests requests, TimeProvider time)
{
    static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(2);

    public async Task EraseAsync(DurableTaskClient durable, JourneyRecord journey, ErasedBy by, CancellationToken cancellationToken)
    {
        string journeyId = journey.JourneyId;

        // First the journey disappears from every route: without this, a request between the purge
        // and the row's deletion would find a row without an orchestration (a journey "not started yet").
        if (journey.ErasingSince is null)
        {
            await records.MarkErasingAsync(journeyId, time.GetUtcNow(), by.ToString(), cancellationToken);
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
        ErasedBy requester = Enum.TryParse(journey.ErasingBy, out ErasedBy marked) ? marked : by; // who began it, when this finishes an earlier erase
        await audit.AppendAsync(journeyId, now, "erased", AuditEventTypes.Erased, $"personal data and history erased {Describe(requester)}", cancellationToken);
        await DeleteAsync(OnboardingTables.Journeys, journeyId, JourneyRecord.Row, cancellationToken);
    }

    async Task DeleteRowsAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        string journeyId = journey.JourneyId;
        (string email, string phoneNumber, string emailKey) = await PersonOfAsync(journey, cancellationToken);
        await DeletePartitionAsync(OnboardingTables.Deliveries, journeyId, cancellationToken);
        if (emailKey.Length > 0)
        {
            await claims.ReleaseAsync(emailKey, journeyId, cancellationToken);
        }

        if (!string.IsNullOrEmpty(journey.IdempotencyKeyHash))
        {
            await DeleteAsync(OnboardingTables.IdempotencyKeys, journey.IdempotencyKeyHash, "", cancellationToken);
        }

        await index.DeleteAsync(journeyId, journey.CreatedAt, cancellationToken);
        await bank.DeletePaymentsAsync(SendDeposits.ReferencePrefixOf(journeyId), cancellationToken);
        await DeletePartitionAsync(OnboardingTables.DevOutbox, email, cancellationToken);
        await DeletePartitionAsync(OnboardingTables.DevOutbox, phoneNumber, cancellationToken);
        await requests.DeleteAsync(journeyId, cancellationToken);
        await DeleteAsync(OnboardingTables.Accounts, journeyId, AccountRecord.Row, cancellationToken); // what names the person goes last but one

        await DeletePartitionAsync(AuditTrail.Table, journeyId, cancellationToken);
    }

    /// <summary>The e-mail address, phone number and e-mail key to erase: the row's, or, once it let go of them, the account's.</summary>
    async Task<(string Email, string PhoneNumber, string EmailKey)> PersonOfAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (journey.Email.Length > 0)
        {
            return (journey.Email, journey.PhoneNumber, journey.EmailKey);
        }

        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        if (await accounts.FindAsync<AccountRecord>(journey.JourneyId, AccountRecord.Row, cancellationToken) is not { } account)
        {
            return ("", "", "");
        }

        string emailKey = EmailAddress.TryParse(account.Email, out EmailAddress? address, out _) ? EmailClaims.KeyOf(address!) : "";
        return (account.Email, account.PhoneNumber, emailKey);
    }

    static string Describe(ErasedBy by) => by switch
    {
        ErasedBy.Operator => "by an operator",
        ErasedBy.User => "at the user's request",
        ErasedBy.Retention => "at the end of its retention period",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
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

    async Task DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        if (partitionKey.Length > 0)
        {
            await (await tables.GetAsync(table)).DeletePartitionAsync(partitionKey, cancellationToken);
        }
    }

    async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableClient client = await tables.GetAsync(table);
        await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).IgnoreNotFound();
    }
}
