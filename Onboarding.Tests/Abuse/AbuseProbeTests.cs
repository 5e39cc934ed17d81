using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Storage;
using Onboarding.Domain.Limits;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// The probes of the abuse issue, as a new user (or an attacker) would try them on a fresh local
/// host with the production limits: each is refused as the contract says, and sends nothing.
/// </summary>
[Collection(AbuseHostCollection.Name)]
public sealed class AbuseProbeTests(AbuseHostFixture fixture)
{
    readonly HttpClient http = fixture.Http;

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
        return document.RootElement.Clone();
    }

    static async Task AssertLimitAsync(HttpResponseMessage response, string limit)
    {
        JsonElement problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"no Retry-After on a {limit} refusal");
    }

    [Fact]
    public async Task Start_ThousandAttemptsFromOneClient_SendExactlyTheLimitsNumberOfSms()
    {
        string client = ClientAddressHandler.NewAddress();
        var phones = new ConcurrentBag<string>();
        var answers = new ConcurrentBag<(HttpStatusCode Status, string? Limit, bool RetryAfter)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            string phone = Builders.PhoneNumber();
            phones.Add(phone);
            using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), phone), client);
            string? limit = response.StatusCode == HttpStatusCode.TooManyRequests
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("limit").GetString()
                : null;
            answers.Add((response.StatusCode, limit, response.Headers.RetryAfter is not null));
        });

        Assert.Equal(10, answers.Count(answer => answer.Status == HttpStatusCode.Accepted));
        Assert.Equal(990, answers.Count(answer => answer.Status == HttpStatusCode.TooManyRequests && answer.Limit == LimitNames.StartsPerClient && answer.RetryAfter));
        Assert.Equal(10, await fixture.SettledSmsCountAsync(phones.ToArray(), expected: 10));
    }

    [Fact]
    public async Task Start_FromFortyOneSlash64sOfOneSlash56_TheSlash56CountsThemTogether()
    {
        // One household's /56 holds 256 /64s: each /64 gets the limit of one client, the /56 four times it.
        string slash56 = $"2001:db8:{Random.Shared.Next(0x1000, 0xffff):x}:{Random.Shared.Next(0x10, 0xff):x}";
        var answers = new List<(HttpStatusCode Status, string? Limit)>();
        for (int subnet = 0; subnet < 41; subnet++)
        {
            using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), Builders.PhoneNumber()), client: $"{slash56}{subnet:x2}::1");
            answers.Add((response.StatusCode, response.StatusCode == HttpStatusCode.TooManyRequests
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("limit").GetString()
                : null));
        }

        Assert.Equal(40, answers.Count(answer => answer.Status == HttpStatusCode.Accepted));
        Assert.Equal((HttpStatusCode.TooManyRequests, LimitNames.StartsPerClient), answers[^1]);
    }

    [Fact]
    public async Task Start_TwoHundredAtOnceToOneNumber_SendExactlyTheLimitsNumberOfSms()
    {
        string phone = Builders.PhoneNumber();

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), phone))));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.Accepted));
        foreach (HttpResponseMessage refused in responses.Where(response => response.StatusCode != HttpStatusCode.Accepted))
        {
            await AssertLimitAsync(refused, LimitNames.JourneysPerPhone);
        }

        Assert.Equal(3, await fixture.SettledSmsCountAsync([phone], expected: 3));
        Array.ForEach(responses, response => response.Dispose());
    }

    [Fact]
    public async Task Start_UzbekNumberForRegionUs_422PhoneCountryNotSupportedAndNothingSent()
    {
        const string uzbek = "+998901234567";

        using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), uzbek));

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "phone-country-not-supported");
        Assert.Equal(0, await fixture.SmsCountAsync([uzbek]));
    }

    [Theory]
    [InlineData("JM", "+18762101234")] // Jamaica: +1, a pumping destination
    [InlineData("AG", "+12684641234")] // Antigua and Barbuda: +1
    [InlineData("UZ", "+998901234567")]
    public async Task Start_ResidentOfARegionNotTexted_422PhoneCountryNotSupportedAndNothingSent(string region, string phone)
    {
        using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), phone, region));

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "phone-country-not-supported");
        Assert.Equal(0, await fixture.SmsCountAsync([phone]));
    }

    [Fact]
    public async Task PhoneCode_SixtyWrongInARow_FiveTakenThenRefusedByAttemptsAndByTheInputRate()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        string right = await journey.PhoneCodeAsync();
        string wrong = right == "000000" ? "111111" : "000000";

        var statuses = new List<(HttpStatusCode Status, string? Limit)>();
        for (int i = 0; i < 60; i++)
        {
            using HttpResponseMessage response = await journey.PostAsync("/phone-code", new { code = wrong });
            string body = await response.Content.ReadAsStringAsync();
            statuses.Add((response.StatusCode, response.StatusCode == HttpStatusCode.TooManyRequests ? JsonDocument.Parse(body).RootElement.GetProperty("limit").GetString() : null));
        }

        Assert.All(statuses.Take(5), answer => Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"a wrong code answered {(int)answer.Status}"));
        // The code's tries are used up: refused at the edge (one more may slip in while the fifth is still being applied).
        Assert.InRange(statuses.Skip(5).Take(25).Count(answer => answer.Limit == JourneyAllowancesCodeAttempts), 24, 25);
        // And past the rate of inputs a journey takes, nothing reaches it at all.
        Assert.Equal(30, statuses.Skip(30).Count(answer => answer.Limit == LimitNames.InputsPerJourney));

        // Operators see which limit the journey met.
        JsonElement detail = await new OperatorClient(http).JourneyAsync(journey.JourneyId);
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), entry =>
            entry.GetProperty("type").GetString() == "limit-reached" && entry.GetProperty("detail").GetString()!.Contains(LimitNames.InputsPerJourney, StringComparison.Ordinal));
    }

    const string JourneyAllowancesCodeAttempts = Onboarding.Domain.Journeys.JourneyAllowances.CodeAttempts;

    [Fact]
    public async Task Resend_ThreeWithinAMinute_TheThirdRefusedByTheResendRateAndNotSent()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.PhoneCodeAsync();

        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage resent = await journey.PostAsync("/phone-code/resend", null);
            Assert.True(resent.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"resend answered {(int)resent.StatusCode}");
        }

        using HttpResponseMessage third = await journey.PostAsync("/phone-code/resend", null);

        await AssertLimitAsync(third, LimitNames.ResendsPerJourney);
        Assert.Equal(3, await fixture.SettledSmsCountAsync([journey.Phone], expected: 3));
    }

    [Fact]
    public async Task Verification_OnePersonOneBankAccountOverManyJourneys_RefusedAfterTheirCyclesAndNoOtherPersonMeanwhile()
    {
        string account = Builders.AccountNumber();
        string passport = Builders.Passport();
        JourneyDriver[] journeys = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            JourneyDriver journey = await JourneyDriver.StartAsync(http);
            await journey.RegisterAsync(Builders.Profile(passport: passport));
            return journey;
        }));
        JourneyDriver other = await JourneyDriver.StartAsync(http);
        await other.RegisterAsync(Builders.Profile(passport: Builders.Passport()));

        for (int i = 0; i < 2; i++)
        {
            await journeys[i].ApplyAsync("/verification", Builders.BankDetails(account), "awaitingDepositAmounts");
        }

        using HttpResponseMessage third = await journeys[2].PostAsync("/verification", Builders.BankDetails(account));
        using HttpResponseMessage anotherPerson = await other.PostAsync("/verification", Builders.BankDetails(account));

        // The person's own two of the account's three cycles; the third stays for somebody else — once this person's cycles lapse.
        await AssertLimitAsync(third, LimitNames.DepositCyclesPerBankAccountAndPerson);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromDays(89), $"Retry-After {third.Headers.RetryAfter} dates the earlier cycles");
        await ProblemAsync(anotherPerson, HttpStatusCode.Conflict, "bank-account-in-use"); // reserved by the running cycles
        using HttpResponseMessage statement = await http.GetAsync($"/dev/bank/transfers?accountNumber={account}");
        Assert.Equal(4, (await JourneyDriver.ReadJsonAsync(statement)).GetArrayLength()); // two cycles of two deposits, no more
        Assert.Equal("registered", (await journeys[2].StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Verification_AccountVerifiedForAnotherPerson_409BankAccountInUse()
    {
        JourneyDriver owner = await JourneyDriver.StartAsync(http);
        await owner.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        await owner.VerifyAsync();
        JourneyDriver other = await JourneyDriver.StartAsync(http);
        await other.RegisterAsync(Builders.Profile(passport: Builders.Passport()));

        using HttpResponseMessage response = await other.PostAsync("/verification", Builders.BankDetails(owner.AccountNumber));

        await ProblemAsync(response, HttpStatusCode.Conflict, "bank-account-in-use");
        Assert.Equal("registered", (await other.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Verification_AccountVerifiedBeforeForTheSamePerson_Allowed()
    {
        string passport = Builders.Passport();
        JourneyDriver first = await JourneyDriver.StartAsync(http);
        await first.RegisterAsync(Builders.Profile(passport: passport));
        await first.VerifyAsync();
        JourneyDriver again = await JourneyDriver.StartAsync(http);
        await again.RegisterAsync(Builders.Profile(passport: passport));

        await again.ApplyAsync("/verification", Builders.BankDetails(first.AccountNumber), "awaitingDepositAmounts");
    }

    /// <summary>
    /// Issue 20's probe: three journeys with a victim's passport no longer lock the victim out. A passport
    /// counts per phone (three journeys of one phone) and across phones (ten): the owner's phone still has its three.
    /// </summary>
    [Fact]
    public async Task Profile_FourJourneysWithOnePassportFromOtherPhones_AllTakenTheOwnersCountUntouched()
    {
        string passport = Builders.Passport();
        JourneyDriver[] journeys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => JourneyDriver.StartAsync(http)));
        foreach (JourneyDriver journey in journeys)
        {
            await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
            await journey.ConfirmEmailAsync();
        }

        foreach (JourneyDriver journey in journeys)
        {
            await journey.ApplyAsync("/profile", Builders.Profile(passport: passport), "registered");
        }
    }

    [Theory]
    [InlineData("k")]
    [InlineData("fifteen-chars-x")]
    [InlineData("with a space 0123456789")]
    [InlineData("slash/0123456789abcdef")]
    public async Task Start_IdempotencyKeyThatIsEasyToGuessOrNotOfTheAlphabet_400(string key)
    {
        using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(Builders.Email(), Builders.PhoneNumber()), idempotencyKey: key);

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Start_IdempotencyKey_ReplaysAndIsStoredOnlyAsItsLookupKey()
    {
        string key = Guid.NewGuid().ToString();
        object body = Builders.StartBody(Builders.Email(), Builders.PhoneNumber());
        using HttpResponseMessage first = await AbuseHostFixture.StartAsync(http, body, idempotencyKey: key);
        using HttpResponseMessage again = await AbuseHostFixture.StartAsync(http, body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        JsonElement one = await JourneyDriver.ReadJsonAsync(first);
        Assert.Equal(one.GetProperty("journeyToken").GetString(), (await JourneyDriver.ReadJsonAsync(again)).GetProperty("journeyToken").GetString());
        TableClient table = await fixture.Host.Tables.GetAsync(OnboardingTables.IdempotencyKeys);
        string journeyId = one.GetProperty("journeyId").GetString()!;
        var rows = new List<IdempotencyRecord>();
        await foreach (IdempotencyRecord record in table.QueryAsync<IdempotencyRecord>(record => record.JourneyId == journeyId))
        {
            rows.Add(record);
        }

        IdempotencyRecord row = Assert.Single(rows);
        Assert.Equal(64, row.PartitionKey.Length); // an HMAC
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), row.PartitionKey);
        Assert.DoesNotContain(key, row.PartitionKey + row.BodyHash + row.EncryptedToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_TwoJourneysNameOneAddress_TheFirstToConfirmWinsTheOtherIsRefusedAtItsConfirmation()
    {
        string email = Builders.Email();
        JourneyDriver first = await JourneyDriver.StartAsync(http, email);
        JourneyDriver second = await JourneyDriver.StartAsync(http, email); // the address is not held by an unconfirmed journey
        foreach (JourneyDriver journey in new[] { first, second })
        {
            await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        }

        // Both links went to the one mailbox; the second journey's is opened first.
        Uri firstLink = await WaitForLinkAsync(first);
        Uri secondLink = await WaitForLinkAsync(second);
        using HttpResponseMessage won = await http.PostAsJsonAsync(secondLink.AbsolutePath, new { token = JourneyDriver.TokenOf(secondLink) });
        using HttpResponseMessage lost = await http.PostAsJsonAsync(firstLink.AbsolutePath, new { token = JourneyDriver.TokenOf(firstLink) });
        using HttpResponseMessage lostForm = await http.PostAsync(firstLink.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = JourneyDriver.TokenOf(firstLink) }));

        Assert.True(won.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the first confirmation answered {(int)won.StatusCode}");
        await ProblemAsync(lost, HttpStatusCode.Conflict, "email-already-registered");
        Assert.Equal(HttpStatusCode.Conflict, lostForm.StatusCode);
        Assert.Equal("text/html", lostForm.Content.Headers.ContentType?.MediaType);
        Assert.Equal("awaitingEmailConfirmation", (await first.StatusAsync()).GetProperty("stage").GetString());

        // Once the winner is cancelled the address is free again: the other journey may confirm it.
        using HttpResponseMessage cancelled = await second.SendAsync(HttpMethod.Delete, "");
        await second.WaitForStageAsync("cancelled");
        await WaitForReleaseAsync(async () =>
        {
            using HttpResponseMessage retried = await http.PostAsJsonAsync(firstLink.AbsolutePath, new { token = JourneyDriver.TokenOf(firstLink) });
            return retried.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted;
        });
        await first.WaitForStageAsync("awaitingProfile");

        async Task<Uri> WaitForLinkAsync(JourneyDriver journey)
        {
            // Both journeys' e-mails arrive in one mailbox: tell them apart by the journey id in the link.
            JsonElement mail = await journey.WaitForMessageAsync(email, message => JourneyDriver.Text(message).Contains(journey.JourneyId, StringComparison.Ordinal));
            return new Uri(System.Text.RegularExpressions.Regex.Match(JourneyDriver.Text(mail), @"https?://\S+/email-confirmation\?token=[A-Za-z0-9_\-]+").Value);
        }
    }

    static async Task WaitForReleaseAsync(Func<Task<bool>> attempt)
    {
        for (int i = 0; i < 100; i++)
        {
            if (await attempt())
            {
                return;
            }

            await Task.Delay(200); // the ended journey lets go of the address in its last step
        }

        Assert.Fail("the address was never released");
    }

    [Fact]
    public async Task PhoneCodeProven_AddressClaimedByTheEarlierBuild_StillHonoured()
    {
        TableClient claims = await fixture.Host.Tables.GetAsync(OnboardingTables.EmailClaims);
        // An account the earlier build made: its claim is keyed by the SHA-256 of the address.
        string registered = Builders.Email();
        await claims.AddEntityAsync(new Onboarding.Application.Registration.EmailClaim { PartitionKey = LegacyKey(registered), RowKey = "", JourneyId = "0".PadLeft(32, '0'), AccountCreated = true });
        // A journey the earlier build started holds its address from its start.
        JourneyDriver running = await JourneyDriver.StartAsync(http);
        string held = running.Email;
        await claims.AddEntityAsync(new Onboarding.Application.Registration.EmailClaim { PartitionKey = LegacyKey(held), RowKey = "", JourneyId = running.JourneyId });

        // Both starts answer as any other; once their phones are proven, no link goes out: the owners are told.
        JourneyDriver toAccount = await JourneyDriver.StartAsync(http, email: registered);
        JourneyDriver toRunning = await JourneyDriver.StartAsync(http, email: held);
        foreach (JourneyDriver journey in new[] { toAccount, toRunning })
        {
            await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        }

        var english = Onboarding.Application.Localization.MessageCatalog.For("en");
        await toAccount.WaitForMessageAsync(registered, message => message.GetProperty("subject").GetString() == english.AddressRegisteredSubject);
        await toRunning.WaitForMessageAsync(held, message => message.GetProperty("subject").GetString() == english.AddressInProgressSubject);
        Assert.DoesNotContain(await toAccount.MessagesAsync(registered), message => JourneyDriver.Text(message).Contains("token=", StringComparison.Ordinal));

        static string LegacyKey(string email)
        {
            Assert.True(Onboarding.Domain.Registration.EmailAddress.TryParse(email, out var address, out _));
            return Onboarding.Application.Registration.EmailClaims.LegacyKeyOf(address!);
        }
    }

    [Fact]
    public async Task OperatorRoute_PrincipalHeaderWhereThePlatformDoesNotSetIt_Ignored()
    {
        string forged = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "roles", val = "Onboarding.Operator" }, new { typ = "name", val = "mallory" } },
            name_typ = "name",
            role_typ = "roles",
        }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ops/funnel");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", forged);

        using HttpResponseMessage response = await http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "operator-key-required");
    }
}
