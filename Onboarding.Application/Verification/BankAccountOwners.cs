using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// Which person each verified bank account belongs to, by lookup keys only: a journey may not
/// verify with an account verified for somebody else (<c>409 bank-account-in-use</c>), nor ask for a
/// cycle on an account another person's running cycle reserved.
/// </summary>
public sealed class BankAccountOwners(OnboardingTables tables, LookupKeys keys, TimeProvider time)
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
    /// Reserves the account for <paramref name="personKey"/> while a deposit cycle of
    /// <paramref name="journeyId"/> runs (until <paramref name="until"/>): refused when another person's
    /// running cycle reserved it. A live reservation of the same person (another of their cycles) is
    /// extended and stays that journey's; a lapsed one is replaced. (Whether the account is verified for
    /// someone else the caller asked <see cref="OwnerOfAsync"/> before; a verification that lands meanwhile
    /// is refused at completion.)
    /// </summary>
    public async Task<Reservation> TryClaimAsync(string accountKey, string personKey, string journeyId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);

        // First the journey's pointer (so an erase finds the reservation, and later the owner row), then the reservation.
        await table.UpsertEntityAsync(new BankAccountOwner { PartitionKey = journeyId, RowKey = JourneyRow, JourneyId = journeyId, AccountKey = accountKey }, TableUpdateMode.Replace, cancellationToken);
        var claim = new BankAccountOwner { PartitionKey = accountKey, RowKey = ClaimRow, PersonKey = personKey, JourneyId = journeyId, VerifiedAt = until };
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await table.AddEntityAsync(claim, cancellationToken);
                return Reservation.Taken;
            }
            catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
            {
                // reserved before: by this person, by another, or lapsed
            }

            if (await table.FindAsync<BankAccountOwner>(accountKey, ClaimRow, cancellationToken) is not { } current)
            {
                continue;
            }

            bool live = current.VerifiedAt > time.GetUtcNow();
            if (live && current.PersonKey != personKey)
            {
                return Reservation.Refused;
            }

            try
            {
                if (live)
                {
                    current.VerifiedAt = current.VerifiedAt > until ? current.VerifiedAt : until;
                    await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return Reservation.Extended;
                }

                await table.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return Reservation.Taken;
            }
            catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
            {
                // another request changed it first: again
            }
        }

        return Reservation.Refused;
    }

    /// <summary>What <see cref="TryClaimAsync"/> came to: the account is another person's for now, this cycle's, or (extended) another cycle's of the same person.</summary>
    public enum Reservation
    {
        Refused,
        Taken,
        Extended,
    }

    /// <summary>Gives back a reservation the journey took (<see cref="Reservation.Taken"/>) for the person: its request was then refused, or lost to another.</summary>
    public async Task ReleaseClaimAsync(string accountKey, string personKey, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);
        if (await table.FindAsync<BankAccountOwner>(accountKey, ClaimRow, cancellationToken) is { } claim && claim.JourneyId == journeyId && claim.PersonKey == personKey)
        {
            await table.DeleteEntityAsync(accountKey, ClaimRow, claim.ETag, cancellationToken).IgnoreNotFound();
        }
    }

    /// <summary>
    /// The journey's deposits matched: the account becomes the person's, by a conditional insert. False
    /// when it is another person's (verified first by someone else): the caller must not verify.
    /// </summary>
    /// <param name="pointed">Whether the journey's pointer already names the account (its reservation wrote it).</param>
    public async Task<bool> TryRecordVerifiedAsync(string journeyId, string accountKey, string personKey, bool pointed, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.BankAccountOwners);

        // First the journey's pointer to the row (so an erase finds it even when the journey's copy of the account is gone), then the row.
        if (!pointed)
        {
            await table.UpsertEntityAsync(new BankAccountOwner { PartitionKey = journeyId, RowKey = JourneyRow, JourneyId = journeyId, AccountKey = accountKey }, TableUpdateMode.Replace, cancellationToken);
        }

        var owner = new BankAccountOwner
        {
            PartitionKey = accountKey,
            RowKey = "",
            PersonKey = personKey,
            JourneyId = journeyId,
            VerifiedAt = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(owner, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            // verified before: by this journey in an earlier run of the step, by the same person — or by another person
            return (await table.FindAsync<BankAccountOwner>(accountKey, "", cancellationToken))?.PersonKey == personKey;
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

        foreach (string row in new[] { "", ClaimRow })
        {
            if (await table.FindAsync<BankAccountOwner>(accountKey, row, cancellationToken) is { } owner && owner.JourneyId == journeyId)
            {
                await table.DeleteEntityAsync(owner.PartitionKey, owner.RowKey, owner.ETag, cancellationToken).IgnoreNotFound();
            }
        }

        await table.DeleteEntityAsync(journeyId, JourneyRow, ETag.All, cancellationToken).IgnoreNotFound();
    }

    /// <summary>RowKey of a journey's pointer row (PartitionKey = journey id): the account it reserved last, or verified.</summary>
    const string JourneyRow = "verified-account";

    /// <summary>RowKey of an account's reservation by a running cycle (PartitionKey = the account's key; <c>VerifiedAt</c> = when it lapses).</summary>
    const string ClaimRow = "claim";
}
