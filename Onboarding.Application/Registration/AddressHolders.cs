using Azure.Data.Tables;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration;

/// <summary>
/// Who else holds a journey's e-mail address, looked at when its link would go out (the phone code is
/// proven by then): the account its address became, or a running journey that confirmed it — under
/// the address's lookup key or, for the earlier build's claims, its SHA-256. A claim whose journey
/// ended without letting go holds nothing (the confirmation takes it over). The start never asks, so
/// it answers alike for every address.
/// </summary>
public sealed class AddressHolders(EmailClaims claims, JourneyRecords records, OnboardingTables tables)
{
    public async Task<AddressHolder?> FindAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryParse(journey.Email, out EmailAddress? address, out _))
        {
            return null;
        }

        foreach (string key in new[] { claims.KeyOf(address!), EmailClaims.LegacyKeyOf(address!) })
        {
            if (await claims.FindAsync(key, cancellationToken) is not { } claim || claim.JourneyId == journey.JourneyId)
            {
                continue;
            }

            if (claim.AccountCreated)
            {
                TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
                AccountRecord? account = await accounts.FindAsync<AccountRecord>(claim.JourneyId, AccountRecord.Row, cancellationToken);
                return new AddressHolder(
                    claim.JourneyId,
                    HasAccount: true,
                    account?.Email is { Length: > 0 } confirmed ? confirmed : journey.Email,
                    account?.Language is { Length: > 0 } language ? language : journey.Language);
            }

            if (await records.FindAsync(claim.JourneyId, cancellationToken) is { ErasingSince: null, Email.Length: > 0 } holder)
            {
                return new AddressHolder(claim.JourneyId, HasAccount: false, holder.Email, holder.Language);
            }
        }

        return null;
    }
}
