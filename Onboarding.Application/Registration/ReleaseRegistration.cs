using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// Activity, when a journey ends without a verified account (expired or cancelled): deletes
/// the unverified account, if one was opened, and frees the e-mail address for a new journey.
/// </summary>
public sealed class ReleaseRegistration(JourneyRecords journeys, OnboardingTables tables, EmailClaims claims)
{
    public async Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        if (await journeys.FindAsync(journeyId, cancellationToken) is not { } journey)
        {
            return false; // erased already
        }

        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        if (await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken) is { } account)
        {
            if (account.Verified)
            {
                return false;
            }

            await accounts.DeleteEntityAsync(journeyId, AccountRecord.Row, ETag.All, cancellationToken);
        }

        await claims.ReleaseAsync(journey.EmailKey, journeyId, cancellationToken);
        return true;
    }
}
