using Azure.Data.Tables;
using Onboarding.Application.Inputs;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration;

/// <summary>
/// Activity: creates the (unverified) account from the journey's profile input, takes the e-mail
/// address for good, and sends the welcome e-mail. Every step is an upsert or a send-once, so running
/// it again changes nothing. False when there is no such profile. Journey version 3 names the input
/// (its id and hash); versions 1 and 2 name none, and get the journey's profile input or, if an
/// earlier build saved the profile to the journey's row, the row's.
/// </summary>
public sealed class OpenAccount(JourneyRecords journeys, JourneyInputStore inputs, OnboardingTables tables, EmailClaims claims, UserMessenger messenger, ProgressRecorder recorder, FieldCipher cipher, TimeProvider time)
{
    /// <summary>Opens the account from exactly the profile the journey accepted, and records the move to <c>registered</c> (version 3).</summary>
    public async Task<bool> RunAsync(AccountOrder order, CancellationToken cancellationToken = default)
    {
        string journeyId = order.Record.JourneyId;
        Profile? profile = await inputs.LoadProfileAsync(journeyId, order.Profile, cancellationToken);
        return profile is not null && await OpenAsync(await journeys.GetAsync(journeyId, cancellationToken), profile, order.Record, cancellationToken);
    }

    /// <summary>Opens the account and records the journey's move to <c>registered</c> (version 2).</summary>
    public async Task<bool> RunAsync(ProgressReport registered, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(registered.JourneyId, cancellationToken);
        return await inputs.ProfileOrRowAsync(journey, journeys, cancellationToken) is { } profile && await OpenAsync(journey, profile, registered, cancellationToken);
    }

    /// <summary>The step as version-1 journeys call it (they record the stage change themselves).</summary>
    public async Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        return await inputs.ProfileOrRowAsync(journey, journeys, cancellationToken) is { } profile && await OpenAsync(journey, profile, record: null, cancellationToken);
    }

    async Task<bool> OpenAsync(JourneyRecord journey, Profile profile, ProgressReport? record, CancellationToken cancellationToken)
    {
        string journeyId = journey.JourneyId;
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
