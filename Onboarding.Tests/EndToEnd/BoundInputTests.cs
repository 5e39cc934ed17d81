using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Inputs;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// What was proven is what is recorded (decision 24), on the real engine and Azurite: different
/// profiles and bank details sent to one journey at once, or at the moments a user sees the journey
/// move (the welcome e-mail, the deposits-sent e-mail), leave exactly one input per stage or cycle,
/// and the status, the audit trail, the messages, the payment, the KYC record and the owner row all
/// name it; one bank account serves one person; the limits are charged once.
/// </summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class BoundInputTests(AzureStorageHostFixture fixture)
{
    const int Submissions = 6;
    readonly HttpClient http = fixture.Host.Http;

    [Fact]
    public async Task Verification_DifferentAccountsAtOnce_OneTakenAndEverythingNamesIt()
    {
        JourneyDriver journey = await RegisteredAsync();
        string[] accounts = [.. Enumerable.Range(0, Submissions).Select(_ => Builders.AccountNumber())];

        (HttpStatusCode Status, JsonElement Body)[] answers = await Task.WhenAll(accounts.Select(account => journey.PostJsonAsync("/verification", Builders.BankDetails(account))));

        AssertOneTaken(answers, "input-already-submitted");
        await journey.WaitForStageAsync("awaitingDepositAmounts", TimeSpan.FromSeconds(90));
        await AssertProvenIsRecordedAsync(journey, accounts);
    }

    [Fact]
    public async Task Verification_OtherAccountsOnTheDepositsSentMail_RefusedAndEverythingNamesTheFirst()
    {
        JourneyDriver journey = await RegisteredAsync();
        string first = Builders.AccountNumber();
        Task<(HttpStatusCode, JsonElement)> requested = journey.PostJsonAsync("/verification", Builders.BankDetails(first));

        // The moment the user is told to check their bank: the published stage may still be "registered".
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Check your bank account");
        string[] others = [.. Enumerable.Range(0, Submissions - 1).Select(_ => Builders.AccountNumber())];
        (HttpStatusCode Status, JsonElement Body)[] late = await Task.WhenAll(others.Select(account => journey.PostJsonAsync("/verification", Builders.BankDetails(account))));

        Assert.All(late, answer => AssertConflict(answer, "input-already-submitted", "stage-mismatch"));
        Assert.True((await requested).Item1 is HttpStatusCode.OK or HttpStatusCode.Accepted);
        await journey.WaitForStageAsync("awaitingDepositAmounts", TimeSpan.FromSeconds(90));
        Assert.Equal(first, await AssertProvenIsRecordedAsync(journey, [first, .. others]));
    }

    [Fact]
    public async Task Profile_DifferentProfilesAtOnceAndOnTheWelcomeMail_OneTakenTheAccountAndTheLimitsNameIt()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await journey.ConfirmEmailAsync();
        string[] givenNames = ["Anna", "Bella", "Clara", "Dora", "Emma", "Freya"];
        object[] profiles = [.. givenNames.Select(name => Builders.Profile(givenName: name, passport: Builders.Passport()))];

        (HttpStatusCode Status, JsonElement Body)[] answers = await Task.WhenAll(profiles.Select(profile => journey.PostJsonAsync("/profile", profile)));

        int taken = AssertOneTaken(answers, "input-already-submitted");
        await journey.WaitForStageAsync("registered", TimeSpan.FromSeconds(90));
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your account is registered");
        (HttpStatusCode Status, JsonElement Body) late = await journey.PostJsonAsync("/profile", Builders.Profile(givenName: "Gina", passport: Builders.Passport()));
        AssertConflict(late, "stage-mismatch", "input-already-submitted");

        AccountRecord account = (await AccountAsync(journey.JourneyId))!;
        Assert.Equal(givenNames[taken], account.GivenName);
        JourneyInputStore.StoredProfile stored = (await Service<JourneyInputStore>().FindProfileAsync(journey.JourneyId, default))!;
        Assert.Equal(givenNames[taken], stored.Profile.GivenName);

        // One passport charged (its counter holds the phone's count and all phones'), however many were sent.
        string member = JourneySecrets.HashToken(journey.JourneyId)[..16];
        string counted = Assert.Single(await CountersHoldingAsync(member));
        Assert.StartsWith("journeys-per-passport:", counted, StringComparison.Ordinal);

        // The holder must be the person the account was opened for: the taken profile's name verifies.
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber, $"SMITH {givenNames[taken].ToUpperInvariant()}"), "awaitingDepositAmounts");
        await journey.ApplyAsync("/deposit-amounts", new { amounts = await journey.DepositAmountsAsync() }, "verified");
        Assert.True((await AccountAsync(journey.JourneyId))!.Verified);
    }

    [Fact]
    public async Task Verification_TheSameDetailsTwice_TheSameInputAndOneCycleCharged()
    {
        JourneyDriver journey = await RegisteredAsync();

        (HttpStatusCode Status, JsonElement Body)[] answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber))));

        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{answer.Status}: {answer.Body}"));
        await journey.WaitForStageAsync("awaitingDepositAmounts", TimeSpan.FromSeconds(90));
        Assert.Equal(2, (await journey.DepositAmountsAsync()).Length);
        Assert.StartsWith("deposit-cycles-per-bank-account:", Assert.Single(await CountersHoldingAsync(JourneySecrets.HashToken($"{journey.JourneyId}-1")[..16])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_TwoPersonsOneAccountAtOnce_OneProceedsTheOther409AndNothingCharged()
    {
        JourneyDriver[] journeys = await Task.WhenAll(RegisteredAsync(), RegisteredAsync());
        string account = Builders.AccountNumber();

        (HttpStatusCode Status, JsonElement Body)[] answers = await Task.WhenAll(journeys.Select(journey => journey.PostJsonAsync("/verification", Builders.BankDetails(account))));

        int taken = AssertOneTaken(answers, "bank-account-in-use");
        JourneyDriver owner = journeys[taken], other = journeys[1 - taken];
        await owner.WaitForStageAsync("awaitingDepositAmounts", TimeSpan.FromSeconds(90));
        Assert.Equal("registered", (await other.StatusAsync()).GetProperty("stage").GetString());
        Assert.Null(await Service<JourneyInputStore>().FindBankAsync(other.JourneyId, 1, default)); // withdrawn
        Assert.Empty(await CountersHoldingAsync(JourneySecrets.HashToken($"{other.JourneyId}-1")[..16])); // given back, or never taken

        await owner.ApplyAsync("/deposit-amounts", new { amounts = await AmountsAsync(owner, account) }, "verified");
        BankAccountOwner row = (await OwnerRowAsync(account))!;
        Assert.Equal(owner.JourneyId, row.JourneyId);
        (HttpStatusCode Status, JsonElement Body) again = await other.PostJsonAsync("/verification", Builders.BankDetails(account));
        AssertConflict(again, "bank-account-in-use");
    }

    [Fact]
    public async Task Verification_TwoPersonsOneAccountInterleaved_TheSecondIsRefusedWhileTheFirstCycleRuns()
    {
        JourneyDriver first = await RegisteredAsync();
        JourneyDriver second = await RegisteredAsync();
        string account = Builders.AccountNumber();
        await first.ApplyAsync("/verification", Builders.BankDetails(account), "awaitingDepositAmounts");

        AssertConflict(await second.PostJsonAsync("/verification", Builders.BankDetails(account)), "bank-account-in-use");
        await first.ApplyAsync("/deposit-amounts", new { amounts = await AmountsAsync(first, account) }, "verified");
        AssertConflict(await second.PostJsonAsync("/verification", Builders.BankDetails(account)), "bank-account-in-use");

        Assert.Equal(first.JourneyId, (await OwnerRowAsync(account))!.JourneyId);
        Assert.Equal("registered", (await second.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task DepositAmounts_AccountVerifiedForAnotherPersonMeanwhile_CycleFailsVisiblyNothingVerified()
    {
        JourneyDriver journey = await RegisteredAsync();
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");

        // Another person's verification of the account landed first (as an earlier build, or an operator's repair, could leave it).
        TableClient owners = await fixture.Host.Tables.GetAsync(OnboardingTables.BankAccountOwners);
        string accountKey = Service<BankAccountOwners>().KeyOf(journey.AccountNumber);
        await owners.UpsertEntityAsync(new BankAccountOwner { PartitionKey = accountKey, RowKey = "", PersonKey = "someone-else", JourneyId = "0123456789abcdef0123456789abcdef", VerifiedAt = DateTimeOffset.UtcNow });

        JsonElement status = await journey.ApplyAsync("/deposit-amounts", new { amounts = await journey.DepositAmountsAsync() }, "registered");

        Assert.Equal("failed", status.GetProperty("verification").GetProperty("lastOutcome").GetString());
        Assert.False((await AccountAsync(journey.JourneyId))!.Verified);
        Assert.Equal("someone-else", (await OwnerRowAsync(journey.AccountNumber))!.PersonKey);
        AuditEvent[] audit = await AuditAsync(journey.JourneyId);
        Assert.Contains(audit, entry => entry.Type == AuditEventTypes.VerificationRefused && entry.Detail.Contains(journey.AccountNumber[^4..], StringComparison.Ordinal));
    }

    /// <summary>Exactly one answer took the input (200 or 202); every other is a 409 with <paramref name="code"/>. Returns the one.</summary>
    static int AssertOneTaken((HttpStatusCode Status, JsonElement Body)[] answers, string code)
    {
        int[] taken = [.. Enumerable.Range(0, answers.Length).Where(i => answers[i].Status is HttpStatusCode.OK or HttpStatusCode.Accepted)];
        Assert.True(taken.Length == 1, "taken: " + string.Join(", ", answers.Select(answer => $"{(int)answer.Status} {answer.Body}")));
        Assert.All(answers.Where((_, i) => i != taken[0]), answer => AssertConflict(answer, code));
        return taken[0];
    }

    static void AssertConflict((HttpStatusCode Status, JsonElement Body) answer, params string[] codes)
    {
        Assert.True(answer.Status == HttpStatusCode.Conflict, $"{(int)answer.Status}: {answer.Body}");
        Assert.Contains(answer.Body.GetProperty("code").GetString(), codes);
    }

    /// <summary>
    /// Of <paramref name="candidates"/>, exactly one account was paid; the stored input of cycle 1, the status, the
    /// audit trail and the deposits-sent e-mail name it; once its amounts are entered, so do the KYC record and the owner row.
    /// </summary>
    async Task<string> AssertProvenIsRecordedAsync(JourneyDriver journey, string[] candidates)
    {
        string[] paid = [.. (await Task.WhenAll(candidates.Select(async account => (account, transfers: await TransfersAsync(account)))))
            .Where(entry => entry.transfers.Any(t => t.GetProperty("reference").GetString()!.StartsWith($"ONB-{journey.JourneyId[..12].ToUpperInvariant()}-", StringComparison.Ordinal)))
            .Select(entry => entry.account)];
        string account = Assert.Single(paid);
        string last4 = account[^4..];

        JourneyInputStore.StoredBank stored = (await Service<JourneyInputStore>().FindBankAsync(journey.JourneyId, 1, default))!;
        Assert.Equal(account, stored.Bank.AccountNumber.Digits);
        Assert.Null(await Service<JourneyInputStore>().FindBankAsync(journey.JourneyId, 2, default));
        Assert.EndsWith(last4, (await journey.StatusAsync()).GetProperty("verification").GetProperty("bankAccount").GetString(), StringComparison.Ordinal);
        JsonElement mail = await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Check your bank account");
        Assert.Contains(last4, JourneyDriver.Text(mail), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(journey.JourneyId), entry => entry.Type == AuditEventTypes.DepositsSent && entry.Detail.Contains(last4, StringComparison.Ordinal));

        await journey.ApplyAsync("/deposit-amounts", new { amounts = await AmountsAsync(journey, account) }, "verified");
        AccountRecord kyc = (await AccountAsync(journey.JourneyId))!;
        Assert.True(kyc.Verified);
        Assert.Equal(account, Service<FieldCipher>().Open(PersonalField.BankAccountNumber, journey.JourneyId, kyc.BankAccountNumber));
        Assert.Equal(journey.JourneyId, (await OwnerRowAsync(account))!.JourneyId);
        Assert.All(candidates.Where(other => other != account), other => Assert.Empty(TransfersAsync(other).GetAwaiter().GetResult()));
        return account;
    }

    async Task<JourneyDriver> RegisteredAsync()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        return journey;
    }

    async Task<JsonElement[]> TransfersAsync(string account)
    {
        using HttpResponseMessage response = await http.GetAsync($"/dev/bank/transfers?accountNumber={account}");
        return [.. (await JourneyDriver.ReadJsonAsync(response)).EnumerateArray()];
    }

    /// <summary>The amounts of the journey's cycle-1 deposits into <paramref name="account"/>.</summary>
    async Task<string[]> AmountsAsync(JourneyDriver journey, string account)
    {
        string reference = $"ONB-{journey.JourneyId[..12].ToUpperInvariant()}-1";
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            string[] amounts = [.. (await TransfersAsync(account)).Where(t => t.GetProperty("reference").GetString() == reference).Select(t => t.GetProperty("amount").GetString()!)];
            if (amounts.Length > 0)
            {
                return amounts;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no deposits with reference {reference}");
            await Task.Delay(100);
        }
    }

    T Service<T>() where T : notnull => fixture.Host.Services.GetRequiredService<T>();

    async Task<AccountRecord?> AccountAsync(string journeyId) =>
        await (await fixture.Host.Tables.GetAsync(OnboardingTables.Accounts)).FindAsync<AccountRecord>(journeyId, AccountRecord.Row);

    async Task<BankAccountOwner?> OwnerRowAsync(string account) =>
        await (await fixture.Host.Tables.GetAsync(OnboardingTables.BankAccountOwners)).FindAsync<BankAccountOwner>(Service<BankAccountOwners>().KeyOf(account), "");

    async Task<AuditEvent[]> AuditAsync(string journeyId)
    {
        TableClient table = await fixture.Host.Tables.GetAsync(OnboardingTables.AuditEvents);
        return [.. await RowsAsync(table.QueryAsync<AuditEvent>(TableClient.CreateQueryFilter($"PartitionKey eq {journeyId}")))];
    }

    /// <summary>The limit counters (their partitions) that count <paramref name="member"/>.</summary>
    async Task<string[]> CountersHoldingAsync(string member)
    {
        TableClient table = await fixture.Host.Tables.GetAsync(OnboardingTables.Limits);
        return [.. (await RowsAsync(table.QueryAsync<TableEntity>()))
            .Where(row => (row.GetString("State") ?? "").Contains(member + "@", StringComparison.Ordinal))
            .Select(row => row.PartitionKey)];
    }

    static async Task<List<T>> RowsAsync<T>(IAsyncEnumerable<T> rows)
    {
        var all = new List<T>();
        await foreach (T row in rows)
        {
            all.Add(row);
        }

        return all;
    }
}
