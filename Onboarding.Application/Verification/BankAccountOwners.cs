using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// Which person each verified bank account belongs to, by lookup keys only: a journey may not
/// verify with an account verified for somebody else (<c>409 bank-account-in-use</c>).
/// </summary>
public sealed class BankAccountOwners(OnboardingTables tables, JourneyRecords journeys, LookupKeys keys, TimeProvider time)
{
    public const string Table = "BankAccountOwners";

    /// <summary>The lookup key of an account number (its digits).</summary>
    public string KeyOf(string accountDigits) => keys.Of(LookupPurpose.BankAccount, accountDigits);

    /// <summary>The person the account was verified for, or null.</summary>
    public async Task<string?> OwnerOfAsync(string accountKey, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table);
        return (await table.FindAsync<BankAccountOwner>(accountKey, "", cancellationToken))?.PersonKey;
    }

    /// <summary>
    /// The journey's deposits matched: its account now belongs to its person. The first owner stays
    /// (a second verification for the same account was refused at the edge, or is the same person).
    /// </summary>
    public async Task RecordVerifiedAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        if (await journeys.FindAsync(journeyId, cancellationToken) is not { BankAccountNumber: { } account } journey
            || JourneyRecords.ProfileOf(journey) is not { } profile)
        {
            return;
        }

        TableClient table = await tables.GetAsync(Table);
        var owner = new BankAccountOwner
        {
            PartitionKey = KeyOf(account),
            RowKey = "",
            PersonKey = PersonKey.Of(keys, profile.Nationality, profile.PassportNumber),
            JourneyId = journeyId,
            VerifiedAt = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(owner, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            // verified before: by this journey in an earlier run of the step, or for the same person
        }
    }
}
