using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Inputs;

/// <summary>
/// The inputs that carry personal data — the profile, each cycle's bank details — stored once per
/// journey and stage or cycle by a conditional insert, before their event is raised, and never
/// changed: the event carries the input's id and hash (<see cref="BoundInput"/>), and the steps that act
/// on it load exactly that record and check both (decision 24). A second, different submission for the
/// same stage or cycle finds the first one and is refused; the same one again is the same input.
/// </summary>
public sealed class JourneyInputStore(OnboardingTables tables, FieldCipher cipher, JourneySecrets secrets, TimeProvider time)
{
    public const string ProfileKey = "profile";

    public static string BankKey(int cycle) => "bank-" + cycle.ToString(CultureInfo.InvariantCulture);

    /// <summary>A profile input, opened.</summary>
    public sealed record StoredProfile(BoundInput Input, Profile Profile);

    /// <summary>A cycle's bank details, opened, with the person who asked.</summary>
    public sealed record StoredBank(BoundInput Input, BankDetails Bank, string PersonKey)
    {
        /// <summary>Whether these are <paramref name="bank"/>, given by <paramref name="personKey"/>.</summary>
        public bool Holds(BankDetails bank, string personKey) => PersonKey == personKey && Bank.BankName == bank.BankName
            && Bank.AccountNumber.Digits == bank.AccountNumber.Digits && Bank.HolderName == bank.HolderName;
    }

    /// <summary>What adding an input came to: stored now, or the one stored before (the same content or not).</summary>
    public sealed record Added<T>(T Stored, bool New, bool SameContent);

    /// <summary>Stores the journey's profile, unless it has one: then that one, and whether it is this one.</summary>
    public async Task<Added<StoredProfile>> AddProfileAsync(string journeyId, Profile profile, CancellationToken cancellationToken)
    {
        string id = JourneySecrets.NewToken();
        var row = new JourneyInputRow
        {
            PartitionKey = journeyId,
            RowKey = ProfileKey,
            InputId = id,
            Hash = secrets.Hmac(SecretPurpose.BoundInput, journeyId, ContentOf(ProfileKey, id, profile)),
            AcceptedAt = time.GetUtcNow(),
            GivenName = profile.GivenName,
            FamilyName = profile.FamilyName,
            ChineseName = profile.ChineseName,
            NameOrder = profile.NameOrder.ToString(),
            Nationality = profile.Nationality,
            DateOfBirth = cipher.Seal(PersonalField.DateOfBirth, journeyId, profile.DateOfBirthText),
            PassportNumber = cipher.Seal(PersonalField.PassportNumber, journeyId, profile.PassportNumber),
        };
        if (await TryAddAsync(row, cancellationToken))
        {
            return new Added<StoredProfile>(new StoredProfile(RefOf(row), profile), New: true, SameContent: true);
        }

        StoredProfile earlier = await FindProfileAsync(journeyId, cancellationToken) ?? throw new InvalidOperationException("The journey's profile input vanished.");
        return new Added<StoredProfile>(earlier, New: false, SameContent: earlier.Profile == profile);
    }

    /// <summary>Stores the bank details of the journey's cycle, unless it has some: then those, and whether they are these.</summary>
    public async Task<Added<StoredBank>> AddBankAsync(string journeyId, int cycle, BankDetails bank, string personKey, CancellationToken cancellationToken)
    {
        string key = BankKey(cycle);
        string id = JourneySecrets.NewToken();
        var row = new JourneyInputRow
        {
            PartitionKey = journeyId,
            RowKey = key,
            InputId = id,
            Hash = secrets.Hmac(SecretPurpose.BoundInput, journeyId, ContentOf(key, id, bank, personKey)),
            AcceptedAt = time.GetUtcNow(),
            BankName = bank.BankName,
            BankAccountNumber = cipher.Seal(PersonalField.BankAccountNumber, journeyId, bank.AccountNumber.Digits),
            AccountHolderName = cipher.Seal(PersonalField.AccountHolderName, journeyId, bank.HolderName),
            PersonKey = personKey,
        };
        if (await TryAddAsync(row, cancellationToken))
        {
            return new Added<StoredBank>(new StoredBank(RefOf(row), bank, personKey), New: true, SameContent: true);
        }

        StoredBank earlier = await FindBankAsync(journeyId, cycle, cancellationToken) ?? throw new InvalidOperationException("The cycle's bank input vanished.");
        return new Added<StoredBank>(earlier, New: false, SameContent: earlier.Holds(bank, personKey));
    }

    /// <summary>The journey's profile input, opened; null when it has none (not given, refused, or let go).</summary>
    public async Task<StoredProfile?> FindProfileAsync(string journeyId, CancellationToken cancellationToken) =>
        await FindRowAsync(journeyId, ProfileKey, cancellationToken) is { } row ? OpenProfile(row) : null;

    /// <summary>The bank details of the journey's cycle, opened; null when there are none.</summary>
    public async Task<StoredBank?> FindBankAsync(string journeyId, int cycle, CancellationToken cancellationToken) =>
        await FindRowAsync(journeyId, BankKey(cycle), cancellationToken) is { } row ? OpenBank(row) : null;

    /// <summary>Exactly the profile <paramref name="input"/> refers to: null when it is gone, or the record is not the one the event named.</summary>
    public async Task<Profile?> LoadProfileAsync(string journeyId, BoundInput input, CancellationToken cancellationToken) =>
        await FindProfileAsync(journeyId, cancellationToken) is { } stored && Matches(journeyId, input, stored.Input, ContentOf(input.Key, input.Id, stored.Profile)) ? stored.Profile : null;

    /// <summary>Exactly the bank details <paramref name="input"/> refers to: null when they are gone, or the record is not the one the event named.</summary>
    public async Task<StoredBank?> LoadBankAsync(string journeyId, BoundInput input, CancellationToken cancellationToken)
    {
        if (await FindRowAsync(journeyId, input.Key, cancellationToken) is not { BankAccountNumber: not null } row)
        {
            return null;
        }

        StoredBank stored = OpenBank(row);
        return Matches(journeyId, input, stored.Input, ContentOf(input.Key, input.Id, stored.Bank, stored.PersonKey)) ? stored : null;
    }

    /// <summary>
    /// The profile a step of a journey on version 1 or 2 acts on (they name no input): the journey's
    /// profile input, or, for a journey whose profile an earlier build saved to its row, the row's.
    /// </summary>
    public async Task<Profile?> ProfileOrRowAsync(JourneyRecord journey, JourneyRecords records, CancellationToken cancellationToken) =>
        (await FindProfileAsync(journey.JourneyId, cancellationToken))?.Profile ?? records.ProfileOf(journey);

    /// <summary>
    /// The bank details a step of a journey on version 1 or 2 acts on: the input of <paramref name="cycle"/>
    /// (the newest cycle's when null), or, for details an earlier build saved to the row, the row's.
    /// </summary>
    public async Task<BankDetails?> BankOrRowAsync(JourneyRecord journey, JourneyRecords records, int? cycle, CancellationToken cancellationToken)
    {
        if (cycle is { } known)
        {
            if (await FindBankAsync(journey.JourneyId, known, cancellationToken) is { } stored)
            {
                return stored.Bank;
            }
        }
        else
        {
            TableClient table = await tables.GetAsync(OnboardingTables.JourneyInputs);
            JourneyInputRow? newest = null;
            await foreach (JourneyInputRow row in table.QueryAsync<JourneyInputRow>(
                TableClient.CreateQueryFilter($"PartitionKey eq {journey.JourneyId} and RowKey gt {"bank-"} and RowKey lt {"bank."}"), cancellationToken: cancellationToken))
            {
                if (newest is null || CycleOf(row.RowKey) > CycleOf(newest.RowKey))
                {
                    newest = row;
                }
            }

            if (newest is not null)
            {
                return OpenBank(newest).Bank;
            }
        }

        string? digits = records.BankAccountNumberOf(journey);
        string? holder = records.AccountHolderNameOf(journey);
        return digits is not null && holder is not null && journey.BankName is not null && BankAccountNumber.TryParse(digits, out BankAccountNumber? number, out _)
            ? new BankDetails(journey.BankName, number!, holder)
            : null;
    }

    static int CycleOf(string key) => int.Parse(key["bank-".Length..], CultureInfo.InvariantCulture);

    /// <summary>Takes back an input its request stored while an erase of the journey began (the only input ever taken back).</summary>
    public async Task WithdrawAsync(string journeyId, BoundInput input, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyInputs);
        if (await table.FindAsync<JourneyInputRow>(journeyId, input.Key, cancellationToken) is { } row && row.InputId == input.Id)
        {
            await table.DeleteEntityAsync(journeyId, input.Key, row.ETag, cancellationToken).IgnoreNotFound();
        }
    }

    /// <summary>Deletes the journey's inputs (it ended or was verified, or is erased).</summary>
    public async Task ForgetJourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyInputs);
        await table.DeletePartitionAsync(journeyId, cancellationToken);
    }

    bool Matches(string journeyId, BoundInput expected, BoundInput stored, string content) =>
        stored.Id == expected.Id && stored.Hash == expected.Hash
        && secrets.Candidates(SecretPurpose.BoundInput, journeyId, content).Contains(expected.Hash);

    async Task<bool> TryAddAsync(JourneyInputRow row, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyInputs);
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            return false;
        }
    }

    async Task<JourneyInputRow?> FindRowAsync(string journeyId, string key, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyInputs);
        return await table.FindAsync<JourneyInputRow>(journeyId, key, cancellationToken);
    }

    static BoundInput RefOf(JourneyInputRow row) => new(row.RowKey, row.InputId, row.Hash);

    StoredProfile OpenProfile(JourneyInputRow row) => new(RefOf(row), new Profile(
        row.GivenName!,
        row.FamilyName!,
        Enum.Parse<NameOrder>(row.NameOrder!),
        row.Nationality!,
        DateOnly.ParseExact(cipher.Open(PersonalField.DateOfBirth, row.PartitionKey, row.DateOfBirth)!, Profile.DateOfBirthFormat, CultureInfo.InvariantCulture),
        cipher.Open(PersonalField.PassportNumber, row.PartitionKey, row.PassportNumber)!,
        row.ChineseName));

    StoredBank OpenBank(JourneyInputRow row)
    {
        string digits = cipher.Open(PersonalField.BankAccountNumber, row.PartitionKey, row.BankAccountNumber)!;
        BankAccountNumber number = BankAccountNumber.TryParse(digits, out BankAccountNumber? parsed, out _) ? parsed! : throw new InvalidOperationException("A stored bank account number does not parse.");
        return new StoredBank(RefOf(row), new BankDetails(row.BankName!, number, cipher.Open(PersonalField.AccountHolderName, row.PartitionKey, row.AccountHolderName)!), row.PersonKey ?? "");
    }

    // What the hash covers: the input's key and id, and every field of its content, each on its own line.
    static string ContentOf(string key, string id, Profile profile) => string.Join('\n',
        key, id, profile.GivenName, profile.FamilyName, profile.ChineseName ?? "", profile.NameOrder.ToString(), profile.Nationality, profile.DateOfBirthText, profile.PassportNumber);

    static string ContentOf(string key, string id, BankDetails bank, string personKey) => string.Join('\n',
        key, id, bank.BankName, bank.AccountNumber.Digits, bank.HolderName, personKey);
}
