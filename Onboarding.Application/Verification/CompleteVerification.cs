using Azure.Data.Tables;
using Azure;
using Onboarding.Application.Journeys;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>Activity: the deposits matched. Marks the account verified (with the time), the bank account as the person's, and tells the user.</summary>
public sealed class CompleteVerification(JourneyRecords journeys, OnboardingTables tables, UserMessenger messenger, ProgressRecorder recorder, BankAccountOwners owners, TimeProvider time)
{
    /// <summary>Verifies the account and records the journey's move to <c>verified</c>.</summary>
    public Task<bool> RunAsync(ProgressReport verified, CancellationToken cancellationToken = default) =>
        CompleteAsync(verified.JourneyId, verified, cancellationToken);

    /// <summary>The step as version-1 journeys call it (they record the stage change themselves).</summary>
    public Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default) =>
        CompleteAsync(journeyId, record: null, cancellationToken);

    async Task<bool> CompleteAsync(string journeyId, ProgressReport? record, CancellationToken cancellationToken)
    {
        await owners.RecordVerifiedAsync(journeyId, cancellationToken); // from now on the account is this person's
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord? account = await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken);
        if (account is { Verified: false })
        {
            var verified = new TableEntity(journeyId, AccountRecord.Row)
            {
                [nameof(AccountRecord.Verified)] = true,
                [nameof(AccountRecord.VerifiedAt)] = time.GetUtcNow(),
            };
            await accounts.UpdateEntityAsync(verified, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        LanguagePack texts = MessageCatalog.For(journey.Language);
        await messenger.EmailOnceAsync(journey, "verified", texts.VerifiedSubject, _ => texts.VerifiedText, cancellationToken: cancellationToken);
        await recorder.RecordIfAnyAsync(journey, record, cancellationToken);
        return true;
    }
}
