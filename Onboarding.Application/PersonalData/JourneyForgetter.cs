using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Removes the personal data of a journey that ended without a verified account (expired or
/// cancelled), at once: the unverified account, the e-mail claim (the address is free again), the
/// Idempotency-Key record, the sandbox bank's payments and transfers, the personal fields of the
/// journey's row, and its deliveries. What remains is the masked audit trail, the stage projection and
/// the row's credentials, until the retention sweep purges the history. Every step can run again, and
/// the row's fields go before the deliveries: a re-run after a crash sees the row without its data
/// (so nobody is told twice) and finishes the job.
/// </summary>
public sealed class JourneyForgetter(OnboardingTables tables, JourneyRecords journeys, EmailClaims claims, IDepositGateway bank, TimeProvider time)
{
    /// <summary>False, removing nothing, when the journey's account is verified: it is the KYC record, kept for its retention period.</summary>
    public async Task<bool> ForgetAsync(JourneyRecord journey, CancellationToken cancellationToken = default)
    {
        string journeyId = journey.JourneyId;
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        if (await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken) is { } account)
        {
            if (account.Verified)
            {
                return false;
            }

            await accounts.DeleteEntityAsync(journeyId, AccountRecord.Row, ETag.All, cancellationToken).IgnoreNotFound();
        }

        if (journey.EmailKey.Length > 0)
        {
            await claims.ReleaseAsync(journey.EmailKey, journeyId, cancellationToken);
        }

        await bank.DeleteTransfersAsync(SendDeposits.ReferencePrefixOf(journeyId), cancellationToken);
        await bank.DeletePaymentsAsync(SendDeposits.ReferencePrefixOf(journeyId), cancellationToken);
        await journeys.RemovePersonalDataAsync(journeyId, time.GetUtcNow(), cancellationToken); // and the Idempotency-Key record
        await (await tables.GetAsync(OnboardingTables.Deliveries)).DeletePartitionAsync(journeyId, cancellationToken);
        return true;
    }
}
