using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration;

/// <summary>
/// One account, and one journey that has confirmed it, per e-mail address, enforced by a
/// conditional insert: Table Storage lets exactly one of two racing inserts of the same key succeed.
/// A journey claims its address when the user confirms the link (ownership proven), not at its start.
/// </summary>
public sealed class EmailClaims(OnboardingTables tables, LookupKeys keys)
{
    /// <summary>The key of the address's claim: its lookup key, so the table holds no address.</summary>
    public string KeyOf(EmailAddress email) => keys.Of(LookupPurpose.Email, email.Canonical);

    /// <summary>
    /// The key the earlier build claimed an address under, at a journey's start: the SHA-256 of the
    /// canonical address. Those claims (its accounts, its journeys still running) keep counting.
    /// </summary>
    public static string LegacyKeyOf(EmailAddress email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Canonical)));

    /// <summary>The claim under <paramref name="key"/>, or null.</summary>
    public async Task<EmailClaim?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.EmailClaims);
        return await table.FindAsync<EmailClaim>(key, "", cancellationToken);
    }

    /// <summary>Claims the address for <paramref name="journeyId"/>; otherwise returns the claim that holds it.</summary>
    public async Task<EmailClaim?> TryClaimAsync(string key, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.EmailClaims);
        try
        {
            await table.AddEntityAsync(new EmailClaim { PartitionKey = key, RowKey = "", JourneyId = journeyId }, cancellationToken);
            return null;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            if (await table.FindAsync<EmailClaim>(key, "", cancellationToken) is not { } holder)
            {
                return await TryClaimAsync(key, journeyId, cancellationToken); // released in between
            }

            return holder.JourneyId == journeyId ? null : holder;
        }
    }

    /// <summary>Takes over a claim whose journey is over; false if someone else changed it first.</summary>
    public async Task<bool> TakeOverAsync(EmailClaim stale, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.EmailClaims);
        try
        {
            var claim = new EmailClaim { PartitionKey = stale.PartitionKey, RowKey = "", JourneyId = journeyId };
            await table.UpdateEntityAsync(claim, stale.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
        {
            return false;
        }
    }

    /// <summary>The journey created the account: the address stays taken.</summary>
    public async Task MarkAccountCreatedAsync(string key, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.EmailClaims);
        await table.UpsertEntityAsync(
            new EmailClaim { PartitionKey = key, RowKey = "", JourneyId = journeyId, AccountCreated = true },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Frees the address of a journey that ended without a verified account, if that journey still holds it.</summary>
    public async Task ReleaseAsync(string key, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.EmailClaims);
        if (await table.FindAsync<EmailClaim>(key, "", cancellationToken) is not { } claim || claim.JourneyId != journeyId)
        {
            return;
        }

        try
        {
            await table.DeleteEntityAsync(key, "", claim.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
        {
            // someone else holds it now
        }
    }
}
