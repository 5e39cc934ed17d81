using Azure.Data.Tables;
using Azure;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// Activity: the deposits matched. Marks the account verified (with the time and the bank account the
/// deposits went to: the KYC record), the bank account as the person's, tells the user, and removes
/// the journey row's copies of the person's data (the account keeps them). A re-run finds each step
/// done and changes nothing.
/// </summary>
public sealed class CompleteVerification(JourneyRecords journeys, OnboardingTables tables, UserMessenger messenger, ProgressRecorder recorder, BankAccountOwners owners, FieldCipher cipher, TimeProvider time)
{
    /// <summary>Verifies the account and records the journey's move to <c>verified</c>.</summary>
    public Task<bool> RunAsync(ProgressReport verified, CancellationToken cancellationToken = default) =>
        CompleteAsync(verified.JourneyId, verified, cancellationToken);

    /// <summary>The step as version-1 journeys call it (they record the stage change themselves).</summary>
    public Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default) =>
        CompleteAsync(journeyId, record: null, cancellationToken);

    async Task<bool> CompleteAsync(string journeyId, ProgressReport? record, CancellationToken cancellationToken)
    {
        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        await owners.RecordVerifiedAsync(journey, cancellationToken); // from now on the account is this person's
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord? account = await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken);
        bool bankToKeep = account?.BankAccountNumber is null && journey.BankAccountNumber is not null;
        if (account is not null && (!account.Verified || bankToKeep))
        {
            var verified = new TableEntity(journeyId, AccountRecord.Row)
            {
                [nameof(AccountRecord.Verified)] = true,
                [nameof(AccountRecord.VerifiedAt)] = account.VerifiedAt ?? time.GetUtcNow(),
            };
            if (bankToKeep)
            {
                verified[nameof(AccountRecord.BankName)] = journey.BankName;
                verified[nameof(AccountRecord.BankAccountNumber)] = cipher.Reseal(PersonalField.BankAccountNumber, journeyId, journey.BankAccountNumber);
                verified[nameof(AccountRecord.AccountHolderName)] = cipher.Reseal(PersonalField.AccountHolderName, journeyId, journey.AccountHolderName);
            }

            await accounts.UpdateEntityAsync(verified, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        if (journey.Email.Length > 0)
        {
            LanguagePack texts = MessageCatalog.For(journey.Language);
            await messenger.NoticeByEmailAsync(journey, "verified", texts.VerifiedSubject, texts.VerifiedText, cancellationToken);
        }

        await recorder.RecordIfAnyAsync(journey, record, cancellationToken);
        await journeys.RemovePersonalDataAsync(journeyId, time.GetUtcNow(), cancellationToken);
        return true;
    }
}
