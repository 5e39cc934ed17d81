using System.Net;
using System.Text.Json;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// What a person writes stays out of what operators keep, an erase leaves nothing of a journey that had
/// ended, and an account number is one account however many zeros are put in front. On the local host
/// with the production limits.
/// </summary>
[Collection(AbuseHostCollection.Name)]
public sealed class LeakTests(AbuseHostFixture fixture)
{
    readonly HttpClient http = fixture.Http;
    readonly OperatorClient operators = new(fixture.Http);

    [Fact]
    public async Task Verification_FreeTextInTheBankName_NeitherInTheAuditTrailNorInTheProjection()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        const string written = "6217000010001234321 John Smith born 1990-01-31";

        await journey.ApplyAsync("/verification", new
        {
            identityType = "foreigner",
            bankName = written,
            bankAccountNumber = journey.AccountNumber,
            accountHolderName = "SMITH ANNA",
        }, "awaitingDepositAmounts");

        JsonElement detail = await WaitForAuditAsync(journey.JourneyId, "deposits-sent");
        string operatorsSee = detail.GetRawText() + (await operators.GetAsync("/api/ops/journeys?pageSize=100")).GetRawText();
        foreach (string part in new[] { "6217000010001234321", "John", "Smith born", "1990-01-31", journey.AccountNumber })
        {
            Assert.DoesNotContain(part, operatorsSee, StringComparison.Ordinal);
        }

        Assert.Contains(detail.GetProperty("events").EnumerateArray(), entry => entry.GetProperty("detail").GetString()!.Contains(" at 6***,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verification_ABankOfTheList_NamedInTheAuditTrail()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));

        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");

        JsonElement detail = await WaitForAuditAsync(journey.JourneyId, "deposits-sent");
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), entry => entry.GetProperty("detail").GetString()!.Contains(" at Bank of China,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AddressOfAPersonalDomain_TheDomainMaskedForOperatorsAndInTheStatus()
    {
        string email = $"anna.{Guid.NewGuid():N}@smith-family.name";

        JourneyDriver journey = await JourneyDriver.StartAsync(http, email: email);

        Assert.Equal("a***@s***.name", journey.StartStatus.GetProperty("email").GetString());
        JsonElement detail = await WaitForAuditAsync(journey.JourneyId, "message-sent");
        Assert.DoesNotContain("smith-family", detail.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("a***@s***.name", detail.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Erase_JourneyThatHadEnded_ItsOutboxRowsGoToo()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        using (HttpResponseMessage cancel = await journey.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your registration was cancelled");
        Assert.NotEmpty(await journey.MessagesAsync(journey.Phone));

        (HttpStatusCode erased, _) = await operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");

        Assert.Equal(HttpStatusCode.NoContent, erased);
        Assert.Empty(await journey.MessagesAsync(journey.Email));
        Assert.Empty(await journey.MessagesAsync(journey.Phone));
    }

    [Fact]
    public async Task Verification_AccountNumberWithZerosInFront_IsTheAccountVerifiedForAnotherPerson()
    {
        string account = "6217" + Random.Shared.NextInt64(0, 10_000_000_000_000).ToString("D13", System.Globalization.CultureInfo.InvariantCulture); // 17 digits: two zeros fit
        JourneyDriver owner = await JourneyDriver.StartAsync(http);
        await owner.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        await owner.ApplyAsync("/verification", Builders.BankDetails(account), "awaitingDepositAmounts");
        using (HttpResponseMessage statement = await http.GetAsync($"/dev/bank/transfers?accountNumber=00{account}"))
        {
            // The bank's statement is found under either form too.
            Assert.Equal(2, (await JourneyDriver.ReadJsonAsync(statement)).GetArrayLength());
        }

        string[] amounts = (await JourneyDriver.ReadJsonAsync(await http.GetAsync($"/dev/bank/transfers?accountNumber={account}"))).EnumerateArray()
            .Select(transfer => transfer.GetProperty("amount").GetString()!).ToArray();
        await owner.ApplyAsync("/deposit-amounts", new { amounts }, "verified");
        JourneyDriver other = await JourneyDriver.StartAsync(http);
        await other.RegisterAsync(Builders.Profile(passport: Builders.Passport()));

        using HttpResponseMessage withZeros = await other.PostAsync("/verification", Builders.BankDetails("00" + account));

        Assert.Equal(HttpStatusCode.Conflict, withZeros.StatusCode);
        Assert.Equal("bank-account-in-use", (await JourneyDriver.ReadJsonAsync(withZeros)).GetProperty("code").GetString());
    }

    /// <summary>The operators' view of the journey once its audit trail has an entry of this type (written by the journey's steps, just after the answer).</summary>
    async Task<JsonElement> WaitForAuditAsync(string journeyId, string type)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement detail = await operators.JourneyAsync(journeyId);
            if (detail.GetProperty("events").EnumerateArray().Any(entry => entry.GetProperty("type").GetString() == type))
            {
                return detail;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no {type} entry in the audit trail");
            await Task.Delay(250);
        }
    }
}
