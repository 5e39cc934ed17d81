using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Inputs;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Verification;

/// <summary>
/// Activity: the deposits matched. Makes the bank account the person's (a conditional insert of its
/// owner row), marks the account verified with the time and exactly the bank details the deposits went
/// to (the KYC record), tells the user, and lets go of the journey's copies of the person's data (the
/// account keeps them). A re-run finds each step done and changes nothing.
/// Journey version 3 names the bank details it paid, and is told when they may not verify the account
/// (their holder is not the person the account was opened for, or the account is another person's):
/// then nothing is written but an audit entry and a metric, and the cycle fails.
/// </summary>
public sealed class CompleteVerification(
    JourneyRecords journeys,
    JourneyInputStore inputs,
    OnboardingTables tables,
    UserMessenger messenger,
    ProgressRecorder recorder,
    BankAccountOwners owners,
    LookupKeys keys,
    AuditTrail audit,
    JourneyMetrics metrics,
    FieldCipher cipher,
    TimeProvider time)
{
    /// <summary>Why a cycle's matching deposits did not verify the account (audit entries, metrics).</summary>
    public const string AccountOfAnotherPerson = "bank-account-in-use";
    public const string HolderNotThePerson = "holder-name-mismatch";

    /// <summary>Verifies the account with exactly the bank details the cycle paid (version 3): false when they may not verify it.</summary>
    public async Task<bool> RunAsync(VerificationOrder order, CancellationToken cancellationToken = default)
    {
        string journeyId = order.Record.JourneyId;
        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord account = await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken)
            ?? throw new InvalidOperationException("The journey has no account to verify.");
        if (!account.Verified)
        {
            // The bank details paid; a cycle a version-2 generation paid named none: its input, or the row's copy.
            BankDetails bank = (order.Paid is { } paid
                    ? (await inputs.LoadBankAsync(journeyId, paid, cancellationToken))?.Bank
                    : await inputs.BankOrRowAsync(journey, journeys, order.Cycle, cancellationToken))
                ?? throw new InvalidOperationException("The journey holds no bank details for the cycle (or not the ones its event named).");

            // The person is the one the account was opened for, as the account holds them.
            Profile person = PersonOf(account);
            string? refusal = !bank.HeldBy(person) ? HolderNotThePerson
                : !await owners.TryRecordVerifiedAsync(journeyId, owners.KeyOf(bank.AccountNumber.Digits), PersonKey.Of(keys, person.Nationality, person.PassportNumber), pointed: order.Paid is not null, cancellationToken) ? AccountOfAnotherPerson
                : null;
            if (refusal is not null)
            {
                await RefuseAsync(journeyId, order.Cycle, bank, refusal, cancellationToken);
                return false;
            }

            await MarkVerifiedAsync(accounts, account, bank, cancellationToken);
        }

        await FinishAsync(journey, order.Record, cancellationToken);
        return true;
    }

    /// <summary>Verifies the account and records the journey's move to <c>verified</c> (version 2).</summary>
    public Task<bool> RunAsync(ProgressReport verified, CancellationToken cancellationToken = default) =>
        CompleteAsync(verified.JourneyId, verified, verified.Progress.Verification?.Cycle, cancellationToken);

    /// <summary>The step as version-1 journeys call it (they record the stage change themselves).</summary>
    public Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default) =>
        CompleteAsync(journeyId, record: null, cycle: null, cancellationToken);

    /// <summary>
    /// Versions 1 and 2: their decision to verify is taken, so the account is verified with the cycle's
    /// bank details; an owner conflict is not swallowed but shown to operators (audit entry, metric).
    /// </summary>
    async Task<bool> CompleteAsync(string journeyId, ProgressReport? record, int? cycle, CancellationToken cancellationToken)
    {
        JourneyRecord journey = await journeys.GetAsync(journeyId, cancellationToken);
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord? account = await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row, cancellationToken);
        BankDetails? bank = await inputs.BankOrRowAsync(journey, journeys, cycle, cancellationToken);
        if (account is not null && bank is not null && (!account.Verified || account.BankAccountNumber is null))
        {
            Profile person = PersonOf(account);
            if (!await owners.TryRecordVerifiedAsync(journeyId, owners.KeyOf(bank.AccountNumber.Digits), PersonKey.Of(keys, person.Nationality, person.PassportNumber), pointed: false, cancellationToken))
            {
                await RefuseAsync(journeyId, cycle ?? 0, bank, AccountOfAnotherPerson, cancellationToken); // seen, though this version verifies anyway
            }

            await MarkVerifiedAsync(accounts, account, bank, cancellationToken);
        }

        await FinishAsync(journey, record, cancellationToken);
        return true;
    }

    Profile PersonOf(AccountRecord account) => new(
        account.GivenName,
        account.FamilyName,
        Enum.Parse<NameOrder>(account.NameOrder),
        account.Nationality,
        DateOnly.ParseExact(cipher.Open(PersonalField.DateOfBirth, account.PartitionKey, account.DateOfBirth)!, Profile.DateOfBirthFormat, CultureInfo.InvariantCulture),
        cipher.Open(PersonalField.PassportNumber, account.PartitionKey, account.PassportNumber)!,
        account.ChineseName);

    async Task MarkVerifiedAsync(TableClient accounts, AccountRecord account, BankDetails bank, CancellationToken cancellationToken)
    {
        string journeyId = account.PartitionKey;
        var verified = new TableEntity(journeyId, AccountRecord.Row)
        {
            [nameof(AccountRecord.Verified)] = true,
            [nameof(AccountRecord.VerifiedAt)] = account.VerifiedAt ?? time.GetUtcNow(),
            [nameof(AccountRecord.BankName)] = bank.BankName,
            [nameof(AccountRecord.BankAccountNumber)] = cipher.Seal(PersonalField.BankAccountNumber, journeyId, bank.AccountNumber.Digits),
            [nameof(AccountRecord.AccountHolderName)] = cipher.Seal(PersonalField.AccountHolderName, journeyId, bank.HolderName),
        };
        await accounts.UpdateEntityAsync(verified, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    async Task RefuseAsync(string journeyId, int cycle, BankDetails bank, string refusal, CancellationToken cancellationToken)
    {
        metrics.Refused(refusal);
        await audit.AppendAsync(journeyId, time.GetUtcNow(), $"verification-refused-{cycle}", AuditEventTypes.VerificationRefused,
            $"cycle {cycle}: the deposits to {bank.AccountNumber.Masked} matched, but {(refusal == HolderNotThePerson ? "its holder is not the person the account was opened for" : "the bank account is verified for another person")}: not verified",
            cancellationToken);
    }

    async Task FinishAsync(JourneyRecord journey, ProgressReport? record, CancellationToken cancellationToken)
    {
        if (journey.Email.Length > 0)
        {
            LanguagePack texts = MessageCatalog.For(journey.Language);
            await messenger.NoticeByEmailAsync(journey, "verified", texts.VerifiedSubject, texts.VerifiedText, cancellationToken);
        }

        await recorder.RecordIfAnyAsync(journey, record, cancellationToken);
        await journeys.RemovePersonalDataAsync(journey.JourneyId, time.GetUtcNow(), cancellationToken);
    }
}
