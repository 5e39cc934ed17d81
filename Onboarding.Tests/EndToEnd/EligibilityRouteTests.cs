using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// Whom the flow serves, at the routes: residence, nationality and the phone's country, each with
/// its own answer; the same nationality rule at the profile; names in the passport's Latin letters
/// with a name in Chinese characters that the bank may print; how an ended journey ended; and the
/// options a frontend offers, as configured.
/// </summary>
public sealed class EligibilityRouteTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<(HttpStatusCode Status, JsonElement Body)> StartAsync(string region, string phone, string? nationality)
    {
        using HttpResponseMessage response = await host.Http.PostAsJsonAsync("/api/journeys", new { email = Builders.Email(), region, phoneNumber = phone, language = "en", nationality });
        return (response.StatusCode, await JourneyDriver.ReadJsonAsync(response));
    }

    [Theory]
    [InlineData("CN", "+86 139 1234 5678", "GB")] // the seed's person
    [InlineData("CN", "13912345679", null)] // a Chinese mobile typed as in China, no nationality given
    [InlineData("CN", "+44 7400 123456", "GB")] // their home number
    [InlineData("GB", "+86 139 1234 5670", "GB")] // not moved yet, a Chinese mobile already
    public async Task Start_AForeignerAndTheirOwnNumber_202(string region, string phone, string? nationality)
    {
        (HttpStatusCode status, JsonElement body) = await StartAsync(region, phone, nationality);

        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        Assert.Equal(region, body.GetProperty("status").GetProperty("region").GetString());
    }

    [Theory]
    [InlineData("CN", "+86 139 2234 5678", "CN", "chinese-citizen")]
    [InlineData("CN", "+86 139 2234 5679", "KP", "nationality-not-supported")]
    [InlineData("KP", "+86 139 2234 5670", "GB", "region-not-supported")]
    [InlineData("CN", "+998 90 123 4567", "GB", "phone-country-not-supported")]
    [InlineData("CN", "+1 415 555 0199", null, "phone-country-not-supported")]
    public async Task Start_NotWhomTheFlowServes_422WithItsOwnCodeAndNothingSent(string region, string phone, string? nationality, string code)
    {
        (HttpStatusCode status, JsonElement problem) = await StartAsync(region, phone, nationality);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(Onboarding.Domain.Registration.PhoneNumber.TryParse(phone, region, out var number, out _));
        JsonElement sent = await host.Http.GetFromJsonAsync<JsonElement>($"/dev/outbox/messages?to={Uri.EscapeDataString(number!.E164)}");
        Assert.Equal(0, sent.GetArrayLength());
    }

    /// <summary>The seed's person, with the phone code and the e-mail link done.</summary>
    async Task<JourneyDriver> AtTheProfileAsync()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await journey.ConfirmEmailAsync();
        await journey.WaitForStageAsync("awaitingProfile");
        return journey;
    }

    [Fact]
    public async Task Profile_ACitizenOfChina_422AndNotRegistered()
    {
        JourneyDriver journey = await AtTheProfileAsync();

        (HttpStatusCode status, JsonElement problem) = await journey.PostJsonAsync("/profile", new
        {
            givenName = "XIAOMING", familyName = "WANG", nameOrder = "familyFirst", nationality = "CN", dateOfBirth = "1990-01-31", passportNumber = Builders.Passport(),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("chinese-citizen", problem.GetProperty("code").GetString());
        Assert.Equal("awaitingProfile", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Verification_TheHolderNameInChineseCharacters_MatchesTheProfilesChineseName()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        await journey.RegisterAsync(new
        {
            givenName = "XIAOMING", familyName = "WANG", nameOrder = "familyFirst", nationality = "SG", dateOfBirth = "1990-01-31",
            passportNumber = Builders.Passport(), chineseName = "王小明",
        });

        (HttpStatusCode mismatch, JsonElement problem) = await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber, holder: "王小红"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch);
        Assert.Equal("holder-name-mismatch", problem.GetProperty("code").GetString());

        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber, holder: "王小明"), "awaitingDepositAmounts");
    }

    [Fact]
    public async Task Profile_NamesInChineseCharacters_400ForEachNameField()
    {
        JourneyDriver journey = await AtTheProfileAsync();

        (HttpStatusCode status, JsonElement problem) = await journey.PostJsonAsync("/profile", new
        {
            givenName = "小明", familyName = "王", nameOrder = "familyFirst", nationality = "SG", dateOfBirth = "1990-01-31", passportNumber = Builders.Passport(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement errors = problem.GetProperty("errors");
        Assert.Contains("Latin letters", errors.GetProperty("givenName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Latin letters", errors.GetProperty("familyName")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterTheUserCancelsAndAfterAnOperatorTerminates_SaysHowItEnded()
    {
        JourneyDriver mine = await JourneyDriver.StartInChinaAsync(host.Http);
        await mine.PhoneCodeAsync();
        using (HttpResponseMessage cancelled = await mine.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        }

        JourneyDriver theirs = await JourneyDriver.StartInChinaAsync(host.Http);
        await theirs.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        (HttpStatusCode terminated, _) = await new Onboarding.Tests.Operators.OperatorClient(host.Http)
            .SendAsync(HttpMethod.Post, $"/api/ops/journeys/{theirs.JourneyId}/terminate", new { reason = "duplicate application" });
        Assert.True((int)terminated < 300, $"terminate answered {(int)terminated}");

        Assert.Equal("""{"by":"user","atStage":"awaitingPhoneCode","reason":null}""", (await EndingAsync(mine)).GetRawText());
        Assert.Equal("""{"by":"operator","atStage":"registered","reason":"duplicate application"}""", (await EndingAsync(theirs)).GetRawText());
    }

    async Task<JsonElement> EndingAsync(JourneyDriver journey)
    {
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            JsonElement status = await journey.StatusAsync();
            if (status.GetProperty("ending").ValueKind == JsonValueKind.Object)
            {
                return status.GetProperty("ending").Clone();
            }

            Assert.True(DateTime.UtcNow < giveUp, "no ending in the status");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task RegistrationOptions_AsConfigured_WhatTheStartTakes()
    {
        await using LocalHostInstance configured = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:SupportedRegions:0"] = "CN",
            ["Journey:SupportedRegions:1"] = "HK",
            ["Journey:SupportedNationalities:0"] = "GB",
            ["Journey:SmsCountries:0"] = "CN",
            ["Support:Email"] = "help@example.com",
        });

        using HttpResponseMessage response = await configured.Http.GetAsync("/api/registration-options");
        JsonElement options = await JourneyDriver.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""["CN","HK"]""", options.GetProperty("regions").GetRawText());
        Assert.Equal("""["GB"]""", options.GetProperty("nationalities").GetRawText());
        Assert.Equal("CN", options.GetProperty("chineseCitizenship").GetString());
        Assert.Equal("""["en","zh-Hans","ja","ko"]""", options.GetProperty("languages").GetRawText());
        Assert.Equal("""{"email":"help@example.com","phone":null,"url":null}""", options.GetProperty("support").GetRawText());
        using HttpResponseMessage refused = await configured.Http.PostAsJsonAsync("/api/journeys", new { email = Builders.Email(), region = "CN", phoneNumber = "+86 139 3234 5678", nationality = "US" });
        Assert.Equal("nationality-not-supported", (await JourneyDriver.ReadJsonAsync(refused)).GetProperty("code").GetString());
    }
}
