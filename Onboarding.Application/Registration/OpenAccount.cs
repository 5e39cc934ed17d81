using Azure.Data.Tables;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// Activity: creates the (unverified) account from the profile in the journey's row, takes the
/// e-mail address for good, and sends the welcome e-mail. Every step is an upsert or a
/// send-once, so running it again changes nothing. False when the row holds no profile.
/// </summary>
public sealed class OpenAccount(JourneyRecords journeys, OnboardingTables tables, EmailClaims claims, UserMessenger messenger, ProgressRecorder recorder, FieldCipher cipher, TimeProvider time)
{
    /// <summary>Opens the account and records the journey's move to <c>registered</c>.</summary>
    public Task<bool> RunAsync(ProgressReport registered, CancellationToken cancellationToken = default) =>
        OpenAsync(registered.JourneyId, registered, cancellationToken);

    /// <summary>The step as version-1 journeys call it (they record the stage change themselves).</summary>
    public Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default) =>
        OpenAsync(journeyId, record: null, cancellationToken);

    async Task<bool> OpenAsync(string journeyId, ProgressReport? record, CancellationToken cancellationToken)
    {
        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        if (journeys.ProfileOf(journey) is not { } profile)
        {
            return false;
        }

        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        var account = new AccountRecord
        {
            PartitionKey = journeyId,
            RowKey = AccountRecord.Row,
            Email = journey.Email,
            PhoneNumber = journey.PhoneNumber,
            Region = journey.Region,
            Language = journey.Language,
            GivenName = profile.GivenName,
            FamilyName = profile.FamilyName,
            ChineseName = profile.ChineseName,
            NameOrder = profile.NameOrder.ToString(),
            Nationality = profile.Nationality,
            DateOfBirth = cipher.Seal(PersonalField.DateOfBirth, journeyId, profile.DateOfBirthText)!,
            PassportNumber = cipher.Seal(PersonalField.PassportNumber, journeyId, profile.PassportNumber)!,
            CreatedAt = time.GetUtcNow(),
        };
        await accounts.UpsertEntityAsync(account, TableUpdateMode.Replace, cancellationToken);

        await claims.MarkAccountCreatedAsync(journey.EmailKey, journeyId, cancellationToken);

        LanguagePack texts = MessageCatalog.For(journey.Language);
        await messenger.NoticeByEmailAsync(journey, "welcome", texts.WelcomeSubject, texts.WelcomeText, cancellationToken);
        await recorder.RecordIfAnyAsync(journey, record, cancellationToken);
        return true;
    }
}
