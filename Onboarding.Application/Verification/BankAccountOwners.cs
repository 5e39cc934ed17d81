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
    /// <summary>The lookup key of an account number (its digits, in their canonical form).</summary>
    public string KeyOf(string accountDigits) => keys.OfBankAccount(accountDigits);

    /// <summary>The person the account was verified for, or null.</summary>
    public async Task<string?> OwnerOfAsync(string accountKey, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);
        return (await table.FindAsync<BankAccountOwner>(accountKey, "", cancellationToken))?.PersonKey;
    }

    /// <summary>
    /// The journey's deposits matched: its account now belongs to its person. The first owner stays
    /// (a second verification for the same account was refused at the edge, or is the same person).
    /// </summary>
    public async Task RecordVerifiedAsync(JourneyRecord journey, CancellationToken cancellationToken = default)
    {
        if (journeys.BankAccountNumberOf(journey) is not { } account || journeys.ProfileOf(journey) is not { } profile)
        {
            return; // a run before this one recorded it and let go of the row's copies
        }

        string journeyId = journey.JourneyId;

        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);
        string accountKey = KeyOf(account);

        // First the journey's pointer to the row (so an erase finds it even when the journey's copy of the account is gone), then the row.
        await table.UpsertEntityAsync(new BankAccountOwner { PartitionKey = journeyId, RowKey = JourneyRow, JourneyId = journeyId, AccountKey = accountKey }, TableUpdateMode.Replace, cancellationToken);
        var owner = new BankAccountOwner
        {
            PartitionKey = accountKey,
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

    /// <summary>An erased journey's account is nobody's any more (if this journey verified it).</summary>
    public async Task ForgetJourneyAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);
        if (await table.FindAsync<BankAccountOwner>(journeyId, JourneyRow, cancellationToken) is not { AccountKey: { } accountKey })
        {
            return;
        }

        if (await table.FindAsync<BankAccountOwner>(accountKey, "", cancellationToken) is { } owner && owner.JourneyId == journeyId)
        {
            await table.DeleteEntityAsync(owner.PartitionKey, owner.RowKey, owner.ETag, cancellationToken).IgnoreNotFound();
        }

        await table.DeleteEntityAsync(journeyId, JourneyRow, ETag.All, cancellationToken).IgnoreNotFound();
    }

    /// <summary>RowKey of a journey's pointer row (PartitionKey = journey id).</summary>
    const string JourneyRow = "verified-account";
}
