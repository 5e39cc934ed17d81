using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Events;
using Onboarding.Application.Limits;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Erases a journey: ends its orchestration and purges its history, deletes the journey's rows in
/// every table of <see cref="OnboardingTables.PersonalData"/> (its audit trail too), and notes in the
/// <see cref="ActionLog"/> — which names no one of the journey — that it was erased, and by whom; its events end with <c>erased</c>, which is published and then
/// removed with them. The journey's row is marked first, so every route but the erase
/// answers 404 from then on. Every step may run again; the journey's own row goes last, so a
/// failed erase is retried by calling it again (the retention sweep finishes one nobody retries).
/// Once the row let go of the person's data (the journey ended or was verified), the account, if
/// there is one, still names the e-mail address and phone number whose rows go.
/// </summary>
public sealed class JourneyEraser(OnboardingTables tables, JourneyRecords records, EmailClaims claims, JourneyIndex index, ActionLog actions, IDepositGateway bank, BankAccountOwners owners, LimitCounters counters, JourneyEventLog events, JourneyEventDelivery delivery, TimeProvider time)
{
    static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(2);

    /// <param name="operatorName">The operator's name as they signed in, for the tombstone; null when not an operator or not known.</param>
    public async Task EraseAsync(DurableTaskClient durable, JourneyRecord journey, ErasedBy by, CancellationToken cancellationToken, string? operatorName = null)
    {
        string journeyId = journey.JourneyId;

        // First the journey disappears from every route: without this, a request between the purge
        // and the row's deletion would find a row without an orchestration (a journey "not started yet").
        DateTimeOffset erasingSince = journey.ErasingSince ?? time.GetUtcNow();
        if (journey.ErasingSince is null)
        {
            await records.MarkErasingAsync(journeyId, erasingSince, by.ToString(), cancellationToken);
        }

        await EndOrchestrationAsync(durable, journeyId, cancellationToken);

        // An activity already running when the orchestration ended may still write (a delivery,
        // a progress report, its completion message): delete, give such a straggler time to
        // finish (and the engine time to let go of the ended instance), then purge and delete again.
        Person person = await PersonOfAsync(journey, cancellationToken);
        await DeleteRowsAsync(journey, person, erasingSince, cancellationToken);
        await Task.Delay(StragglerGrace, time, cancellationToken);
        await durable.PurgeInstanceAsync(journeyId, cancellation: cancellationToken);
        await DeleteRowsAsync(journey, person, erasingSince, cancellationToken);
        if (await durable.GetInstanceAsync(journeyId, cancellationToken) is not null)
        {
            throw new InvalidOperationException("The journey's history is still there; erase again.");
        }

        ErasedBy requester = Enum.TryParse(journey.ErasingBy, out ErasedBy marked) ? marked : by; // who began it, when this finishes an earlier erase
        string who = requester == ErasedBy.Operator && operatorName is not null ? operatorName : Describe(requester);
        await actions.AppendAsync(ActionLog.Erased, who, journeyId, cancellationToken);
        await delivery.DeliverAsync(journeyId, cancellationToken); // erased, last: the relay's if the topic does not take it now
        await DeleteJourneyRowsAsync(OnboardingTables.PersonalData.Single(table => table.Name == OnboardingTables.Journeys), journey, person, erasingSince, cancellationToken);
    }

    /// <summary>The journey's rows in every table that holds personal data but its own row, which goes last.</summary>
    async Task DeleteRowsAsync(JourneyRecord journey, Person person, DateTimeOffset erasingSince, CancellationToken cancellationToken)
    {
        foreach (PersonalDataTable table in OnboardingTables.PersonalData.Where(table => table.Name != OnboardingTables.Journeys))
        {
            await DeleteJourneyRowsAsync(table, journey, person, erasingSince, cancellationToken);
        }
    }

    Task DeleteJourneyRowsAsync(PersonalDataTable table, JourneyRecord journey, Person person, DateTimeOffset erasingSince, CancellationToken cancellationToken) => table.Rows switch
    {
        JourneyRows.PartitionIsJourneyId => DeletePartitionAsync(table.Name, journey.JourneyId, cancellationToken),
        JourneyRows.PartitionIsEmailKey => ReleaseClaimsAsync(person, journey.JourneyId, cancellationToken),
        JourneyRows.PartitionIsIdempotencyKeyHash => string.IsNullOrEmpty(journey.IdempotencyKeyHash)
            ? Task.CompletedTask
            : DeleteWhereAsync(table.Name, TableClient.CreateQueryFilter($"PartitionKey eq {journey.IdempotencyKeyHash}"), cancellationToken),
        JourneyRows.RecipientRowsNamingJourney => DeleteMessagesAsync(table.Name, journey.JourneyId, person, cancellationToken),
        JourneyRows.RowKeyIsCreationTimeAndJourneyId => index.DeleteAsync(journey.JourneyId, journey.CreatedAt, cancellationToken),
        JourneyRows.PartitionIsBankAccount => bank.DeleteTransfersAsync(SendDeposits.ReferencePrefixOf(journey.JourneyId), cancellationToken),
        JourneyRows.PartitionIsPaymentReference => bank.DeletePaymentsAsync(SendDeposits.ReferencePrefixOf(journey.JourneyId), cancellationToken),
        JourneyRows.VerifiedBankAccountOfJourney => owners.ForgetJourneyAsync(journey.JourneyId, cancellationToken),
        JourneyRows.CountersOfJourney => counters.ForgetJourneyAsync(journey.JourneyId, cancellationToken),
        JourneyRows.EventsOfJourney => events.CloseAsync(journey.JourneyId, erasingSince, cancellationToken),
        _ => throw new InvalidOperationException($"The eraser does not know how to find a journey's rows in table {table.Name} ({table.Rows})."),
    };

    /// <summary>The e-mail address, phone number and e-mail key whose rows go: the row's, or, once it let go of them, the account's.</summary>
    async Task<Person> PersonOfAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (journey.Email.Length > 0)
        {
            return new Person(journey.Email, journey.PhoneNumber, [journey.EmailKey]);
        }

        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        if (await accounts.FindAsync<AccountRecord>(journey.JourneyId, AccountRecord.Row, cancellationToken) is not { } account)
        {
            return new Person("", "", []);
        }

        // The account's address was claimed under its lookup key, or by the earlier build under its SHA-256.
        string[] emailKeys = EmailAddress.TryParse(account.Email, out EmailAddress? address, out _) ? [claims.KeyOf(address!), EmailClaims.LegacyKeyOf(address!)] : [];
        return new Person(account.Email, account.PhoneNumber, emailKeys);
    }

    static string Describe(ErasedBy by) => by switch
    {
        ErasedBy.Operator => "an operator",
        ErasedBy.User => "the user",
        ErasedBy.Retention => "retention",
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

    /// <summary>The journey's messages — found by the journey, also once it ended and let go of its address and number — and every message to its address and number while they are known.</summary>
    async Task DeleteMessagesAsync(string table, string journeyId, Person person, CancellationToken cancellationToken)
    {
        await DeleteWhereAsync(table, TableClient.CreateQueryFilter($"JourneyId eq {journeyId}"), cancellationToken);
        await DeletePartitionAsync(table, person.Email, cancellationToken);
        await DeletePartitionAsync(table, person.PhoneNumber, cancellationToken);
    }

    async Task DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        if (partitionKey.Length > 0)
        {
            await (await tables.GetAsync(table)).DeletePartitionAsync(partitionKey, cancellationToken);
        }
    }

    async Task DeleteWhereAsync(string table, string filter, CancellationToken cancellationToken) =>
        await (await tables.GetAsync(table)).DeleteWhereAsync(filter, cancellationToken);

    /// <summary>Releases the journey's claims (a claim only goes when it names this journey).</summary>
    async Task ReleaseClaimsAsync(Person person, string journeyId, CancellationToken cancellationToken)
    {
        foreach (string emailKey in person.EmailKeys.Where(key => key.Length > 0))
        {
            await claims.ReleaseAsync(emailKey, journeyId, cancellationToken);
        }
    }

    /// <summary>Whose rows go where the rows are keyed by the person's contact data.</summary>
    sealed record Person(string Email, string PhoneNumber, IReadOnlyList<string> EmailKeys);
}
