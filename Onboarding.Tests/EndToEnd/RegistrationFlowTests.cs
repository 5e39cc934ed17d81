using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>Registration details a frontend relies on: the e-mail link page, idempotent starts, languages, health, OpenAPI.</summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class RegistrationFlowTests(AzureStorageHostFixture fixture)
{
    readonly HttpClient http = fixture.Host.Http;

    async Task<(JourneyDriver Journey, Uri Link)> AtEmailConfirmationAsync(string language = "en")
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http, language: language);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        return (journey, await journey.EmailLinkAsync());
    }

    [Fact]
    public async Task EmailLink_Opened_PageWithConfirmButtonAndNothingChanges()
    {
        (JourneyDriver journey, Uri link) = await AtEmailConfirmationAsync();
        JsonElement before = await journey.StatusAsync();

        using HttpResponseMessage page = await http.GetAsync(link.PathAndQuery);
        using HttpResponseMessage again = await http.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"email-confirmation\">", html, StringComparison.Ordinal);
        Assert.Contains(">Confirm</button>", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before.GetRawText(), (await journey.StatusAsync()).GetRawText());
    }

    [Fact]
    public async Task EmailLink_ConfirmButton_ConfirmedPageThenTheLinkIsUsed()
    {
        (JourneyDriver journey, Uri link) = await AtEmailConfirmationAsync();
        var form = new FormUrlEncodedContent([new("token", JourneyDriver.TokenOf(link))]);

        using HttpResponseMessage confirmed = await http.PostAsync(link.AbsolutePath, form);
        // 200 "confirmed" once applied; on a loaded machine 202 "we received it" and the journey moves on meanwhile.
        string page = await confirmed.Content.ReadAsStringAsync();
        Assert.True(
            confirmed.StatusCode == HttpStatusCode.OK ? page.Contains("is confirmed", StringComparison.Ordinal) : confirmed.StatusCode == HttpStatusCode.Accepted && page.Contains("processing it", StringComparison.Ordinal),
            $"{(int)confirmed.StatusCode}: {page}");
        await journey.WaitForStageAsync("awaitingProfile");
        using HttpResponseMessage reopened = await http.GetAsync(link.PathAndQuery);
        using HttpResponseMessage reused = await http.PostAsJsonAsync(link.AbsolutePath, new { token = JourneyDriver.TokenOf(link) });

        Assert.Equal(HttpStatusCode.NotFound, reopened.StatusCode);
        Assert.Contains("not valid any more", await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Equal("journey-not-found", (await JourneyDriver.ReadJsonAsync(reused)).GetProperty("code").GetString());
    }

    /// <summary>A token of the link's form (43 base64url characters) that no link carries.</summary>
    const string WrongLinkToken = "not-the-token-but-of-the-same-form-00000000";

    [Fact]
    public async Task EmailLink_WrongToken_SameNotFoundAsUnknownJourney()
    {
        (JourneyDriver journey, _) = await AtEmailConfirmationAsync();

        using HttpResponseMessage wrong = await http.PostAsJsonAsync(journey.Path("/email-confirmation"), new { token = WrongLinkToken });
        using HttpResponseMessage unknown = await http.PostAsJsonAsync("/api/journeys/00000000000000000000000000000000/email-confirmation", new { token = WrongLinkToken });

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
        Assert.Equal("awaitingEmailConfirmation", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Journey_InChinese_SmsMailAndPageInChinese()
    {
        (JourneyDriver journey, Uri link) = await AtEmailConfirmationAsync(language: "zh-Hans");

        string sms = JourneyDriver.Text((await journey.MessagesAsync(journey.Phone))[0]);
        JsonElement mail = (await journey.MessagesAsync(journey.Email))[0];
        using HttpResponseMessage page = await http.GetAsync(link.PathAndQuery);
        string html = await page.Content.ReadAsStringAsync();

        Assert.Contains("验证码", sms, StringComparison.Ordinal);
        Assert.Equal("请确认您的电子邮箱地址", mail.GetProperty("subject").GetString());
        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains(">确认</button>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "確認コード")]
    [InlineData("ko", "인증 코드")]
    public async Task Journey_InJapaneseOrKorean_SmsInThatLanguage(string language, string expected)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http, language: language);

        await journey.PhoneCodeAsync();

        Assert.Contains(expected, JourneyDriver.Text((await journey.MessagesAsync(journey.Phone))[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongCode_InKorean_ErrorMessageInKorean()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http, language: "ko");
        string wrong = await journey.PhoneCodeAsync() == "000000" ? "111111" : "000000";

        (_, JsonElement status) = await journey.PostJsonAsync("/phone-code", new { code = wrong });

        Assert.Equal("코드가 올바르지 않습니다.", status.GetProperty("lastError").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyAndBody_SameJourneyAndOneSms()
    {
        object body = Builders.StartBody(Builders.Email(), Builders.PhoneNumber());
        string key = Guid.NewGuid().ToString();

        JsonElement first = await StartWithKeyAsync(key, body, HttpStatusCode.Accepted);
        JsonElement second = await StartWithKeyAsync(key, body, HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("journeyId").GetString(), second.GetProperty("journeyId").GetString());
        Assert.Equal(first.GetProperty("journeyToken").GetString(), second.GetProperty("journeyToken").GetString());
        Assert.Equal(first.GetProperty("status").GetRawText(), second.GetProperty("status").GetRawText());
        string phone = (string)body.GetType().GetProperty("phoneNumber")!.GetValue(body)!;
        using HttpResponseMessage outbox = await http.GetAsync($"/dev/outbox/messages?to={Uri.EscapeDataString(phone)}");
        Assert.Single((await JourneyDriver.ReadJsonAsync(outbox)).EnumerateArray());
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyConcurrently_OneJourney()
    {
        object body = Builders.StartBody(Builders.Email(), Builders.PhoneNumber());
        string key = Guid.NewGuid().ToString();

        JsonElement[] answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StartWithKeyAsync(key, body, HttpStatusCode.Accepted)));

        Assert.Single(answers.Select(answer => answer.GetProperty("journeyId").GetString()).Distinct());
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyOtherBody_422()
    {
        string key = Guid.NewGuid().ToString();
        await StartWithKeyAsync(key, Builders.StartBody(Builders.Email(), Builders.PhoneNumber()), HttpStatusCode.Accepted);

        JsonElement problem = await StartWithKeyAsync(key, Builders.StartBody(Builders.Email(), Builders.PhoneNumber()), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("idempotency-key-reused", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Start_Accepted_LocationPointsAtTheJourney()
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/journeys", Builders.StartBody(Builders.Email(), Builders.PhoneNumber()));
        JsonElement body = await JourneyDriver.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/journeys/{body.GetProperty("journeyId").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("journeyId").GetString()!);
        Assert.True(body.GetProperty("journeyToken").GetString()!.Length >= 43);
    }

    [Fact]
    public async Task Health_StorageAnswers_Healthy()
    {
        using HttpResponseMessage response = await http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await JourneyDriver.ReadJsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Served_TheRepositoryDocument()
    {
        string served = await http.GetStringAsync("/api/openapi.yaml");

        Assert.Equal(await File.ReadAllTextAsync(RepositoryRoot.File("openapi.yaml")), served);
    }

    [Fact]
    public async Task Outbox_Page_ListsMessages()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.PhoneCodeAsync();

        string page = await http.GetStringAsync($"/dev/outbox?to={Uri.EscapeDataString(journey.Phone)}");

        Assert.Contains("is your Onboarding code", page, StringComparison.Ordinal);
    }

    async Task<JsonElement> StartWithKeyAsync(string key, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/journeys") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using HttpResponseMessage response = await http.SendAsync(request);
        JsonElement answer = await JourneyDriver.ReadJsonAsync(response);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {answer}");
        return answer;
    }
}
