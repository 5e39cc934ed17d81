using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Development;
using Onboarding.Domain.Registration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.PersonalData;

/// <summary>
/// The re-encryption pass on Azurite: rows the earlier build wrote in plain text and rows sealed under
/// the previous key all end up under the new key, read back the same, and the raw rows hold no plain
/// value; the sandbox bank's rows keyed by the plain account number move under its lookup key.
/// </summary>
public sealed class FieldReencryptionTests
{
    readonly OnboardingTables tables = new(new TableServiceClient(TestStorage.ConnectionString), "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
    readonly string keyA = NewKey();
    readonly string keyB = NewKey();
    readonly LookupKeys lookupKeys = new(Options.Create(new OnboardingOptions { LookupKey = NewKey() }));

    [Fact]
    public async Task Pass_PlainRowsAndRowsUnderThePreviousKey_AllUnderTheNewKeyReadTheSameAndNothingPlainLeft()
    {
        var profile = new Profile("Anna", "Smith", NameOrder.GivenFirst, "US", new DateOnly(1990, 1, 31), "X1234567");
        string plainJourney = await EarlierBuildJourneyAsync(profile, "6217000010001234321");
        string sealedJourney = await JourneyUnderKeyAAsync(profile, "6217000010009876543");
        string plainAccount = await EarlierBuildAccountAsync(profile);
        await EarlierBuildDepositAsync("ONB-0123456789AB-1", "6217000010001234321");
        FieldCipher during = Cipher(keyB, previous: keyA);
        var pass = new FieldReencryption(tables, during, new SandboxBank(tables, lookupKeys, TimeProvider.System));

        int moved = await pass.RunAsync(() => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(4, moved); // two journey rows, an account, a payment order
        Assert.Equal(0, await pass.RunAsync(() => Task.CompletedTask, CancellationToken.None));
        FieldCipher after = Cipher(keyB);
        var records = new JourneyRecords(tables, after);
        foreach ((string journeyId, string account) in new[] { (plainJourney, "6217000010001234321"), (sealedJourney, "6217000010009876543") })
        {
            JourneyRecord row = await records.GetAsync(journeyId);
            Assert.Equal(profile, records.ProfileOf(row));
            Assert.Equal(account, records.BankAccountNumberOf(row));
            Assert.Equal("SMITH ANNA", records.AccountHolderNameOf(row));
            Assert.All(new[] { row.DateOfBirth, row.PassportNumber, row.BankAccountNumber, row.AccountHolderName },
                stored => Assert.StartsWith(after.CurrentPrefix, stored, StringComparison.Ordinal));
        }

        AccountRecord accountRow = (await (await tables.GetAsync(OnboardingTables.Accounts)).FindAsync<AccountRecord>(plainAccount, AccountRecord.Row))!;
        Assert.Equal("X1234567", after.Open(PersonalField.PassportNumber, plainAccount, accountRow.PassportNumber));
        Assert.Equal("1990-01-31", after.Open(PersonalField.DateOfBirth, plainAccount, accountRow.DateOfBirth));

        string[] plainValues = ["X1234567", "1990-01-31", "6217000010001234321", "6217000010009876543", "SMITH ANNA"];
        var found = new List<string>();
        foreach (string table in new[] { OnboardingTables.Journeys, OnboardingTables.Accounts, OnboardingTables.SandboxTransfers, OnboardingTables.SandboxPayments })
        {
            await foreach (TableEntity row in (await tables.GetAsync(table)).QueryAsync<TableEntity>())
            {
                found.AddRange(row.Where(column => plainValues.Any(value => Convert.ToString(column.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(value, StringComparison.Ordinal)))
                    .Select(column => $"{table}.{column.Key}"));
            }
        }

        Assert.Empty(found);
        SandboxTransfer transfer = Assert.Single(await new SandboxBank(tables, lookupKeys, TimeProvider.System).StatementAsync("6217000010001234321", CancellationToken.None));
        Assert.Equal("ONB-0123456789AB-1", transfer.Reference);
    }

    async Task<string> EarlierBuildJourneyAsync(Profile profile, string accountNumber)
    {
        string journeyId = JourneySecrets.NewJourneyId();
        TableClient journeys = await tables.GetAsync(OnboardingTables.Journeys);
        await journeys.AddEntityAsync(new JourneyRecord
        {
            PartitionKey = journeyId,
            RowKey = JourneyRecord.Row,
            Email = Builders.Email(),
            PhoneNumber = Builders.PhoneNumber(),
            GivenName = profile.GivenName,
            FamilyName = profile.FamilyName,
            NameOrder = profile.NameOrder.ToString(),
            Nationality = profile.Nationality,
            DateOfBirth = profile.DateOfBirthText,
            PassportNumber = profile.PassportNumber,
            BankName = "Bank of China",
            BankAccountNumber = accountNumber,
            AccountHolderName = "SMITH ANNA",
        });
        return journeyId;
    }

    async Task<string> JourneyUnderKeyAAsync(Profile profile, string accountNumber)
    {
        string journeyId = JourneySecrets.NewJourneyId();
        var records = new JourneyRecords(tables, Cipher(keyA));
        await records.InsertAsync(new JourneyRecord { PartitionKey = journeyId, RowKey = JourneyRecord.Row, Email = Builders.Email(), PhoneNumber = Builders.PhoneNumber() });
        await records.SaveProfileAsync(journeyId, profile);
        Assert.True(await records.TrySaveBankAccountAsync(await records.GetAsync(journeyId), "Bank of China", accountNumber, "SMITH ANNA"));
        return journeyId;
    }

    async Task<string> EarlierBuildAccountAsync(Profile profile)
    {
        string journeyId = JourneySecrets.NewJourneyId();
        TableClient accounts = await tables.GetAsync(OnboardingTables.Accounts);
        await accounts.AddEntityAsync(new AccountRecord
        {
            PartitionKey = journeyId,
            RowKey = AccountRecord.Row,
            Email = Builders.Email(),
            GivenName = profile.GivenName,
            FamilyName = profile.FamilyName,
            DateOfBirth = profile.DateOfBirthText,
            PassportNumber = profile.PassportNumber,
        });
        return journeyId;
    }

    async Task EarlierBuildDepositAsync(string reference, string accountNumber)
    {
        TableClient payments = await tables.GetAsync(OnboardingTables.SandboxPayments);
        TableClient transfers = await tables.GetAsync(OnboardingTables.SandboxTransfers);
        DateTimeOffset at = DateTimeOffset.UtcNow;
        await payments.AddEntityAsync(new SandboxPayment { PartitionKey = reference, RowKey = "", AccountNumber = accountNumber, AmountsFen = "37", At = at });
        await transfers.AddEntityAsync(new SandboxTransfer
        {
            PartitionKey = accountNumber,
            RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{reference}-0",
            AmountFen = 37,
            Reference = reference,
            At = at,
        });
    }

    static FieldCipher Cipher(string key, string? previous = null) =>
        new(Options.Create(new OnboardingOptions { FieldKey = key, PreviousFieldKey = previous }));

    static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
