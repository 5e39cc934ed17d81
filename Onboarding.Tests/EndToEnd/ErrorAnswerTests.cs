using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>Every error code of the contract so far, as a client sees it: status, problem+json, code.</summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class ErrorAnswerTests(AzureStorageHostFixture fixture)
{
    readonly HttpClient http = fixture.Host.Http;

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement problem = document.RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{"email":"not-an-email","region":"US","phoneNumber":"+14155550100"}""", "email")]
    [InlineData("""{"email":"a@example.com","region":"XX","phoneNumber":"+14155550100"}""", "region")]
    [InlineData("""{"email":"a@example.com","region":"US","phoneNumber":"12"}""", "phoneNumber")]
    [InlineData("""{"email":"a@example.com","region":"US","phoneNumber":"+14155550100","language":"fr"}""", "language")]
    [InlineData("""{"email":"a@example.com","region":"US"}""", "phoneNumber")]
    [InlineData("""{"email":42,"region":"US","phoneNumber":"+14155550100"}""", "email")]
    [InlineData("""{"email":"a@example.com","region":"US","phoneNumber":"+14155550100","admin":true}""", "admin")]
    public async Task Start_BadField_400ValidationFailedNamingTheField(string body, string field)
    {
        using HttpResponseMessage response = await http.PostAsync("/api/journeys", Json(body));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out JsonElement messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"email": "a@example.com",}""")]
    [InlineData("nonsense")]
    [InlineData("""{"email":"a@example.com","email":"b@example.com","region":"US","phoneNumber":"+14155550100"}""")]
    public async Task Start_NotJson_400MalformedJson(string body)
    {
        using HttpResponseMessage response = await http.PostAsync("/api/journeys", Json(body));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task Start_ArrayInsteadOfObject_400ValidationFailed()
    {
        using HttpResponseMessage response = await http.PostAsync("/api/journeys", Json("[1,2]"));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task Start_RegionNotSupported_422()
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/journeys", Builders.StartBody(Builders.Email(), "+14155550100", region: "KP"));

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "region-not-supported");
    }

    [Fact]
    public async Task Start_BodyOver16KiB_413()
    {
        string huge = $$"""{"email":"{{new string('a', 17 * 1024)}}@example.com","region":"US","phoneNumber":"+14155550100"}""";

        using HttpResponseMessage response = await http.PostAsync("/api/journeys", Json(huge));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Start_ChunkedBodyOver16KiB_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 40 * 1024) + "{}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/journeys") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Start_NotJsonMediaType_415(string mediaType)
    {
        using HttpResponseMessage response = await http.PostAsync("/api/journeys", new StringContent("{}", Encoding.UTF8, mediaType));

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Start_SameEmailWhileAnUnconfirmedJourneyRuns_Allowed()
    {
        JourneyDriver first = await JourneyDriver.StartAsync(http);

        JourneyDriver second = await JourneyDriver.StartAsync(http, email: first.Email.ToUpperInvariant());

        Assert.NotEqual(first.JourneyId, second.JourneyId);
    }

    [Fact]
    public async Task Start_AfterTheFirstJourneyWasCancelled_Allowed()
    {
        JourneyDriver first = await JourneyDriver.StartAsync(http);
        using HttpResponseMessage cancelled = await first.SendAsync(HttpMethod.Delete, "");
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal("cancelled", (await JourneyDriver.ReadJsonAsync(cancelled)).GetProperty("stage").GetString());

        JourneyDriver second = await JourneyDriver.StartAsync(http, email: first.Email);

        Assert.NotEqual(first.JourneyId, second.JourneyId);
    }

    [Fact]
    public async Task Status_NoToken_401MissingToken()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);

        using HttpResponseMessage response = await http.GetAsync(journey.Path());

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "missing-token");
    }

    [Fact]
    public async Task Status_WrongTokenAndUnknownJourney_IdenticalNotFound()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        using HttpResponseMessage wrongToken = await journey.SendAsync(HttpMethod.Get, "", token: "wrong-token");
        using var unknownRequest = new HttpRequestMessage(HttpMethod.Get, "/api/journeys/ffffffffffffffffffffffffffffffff");
        unknownRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", journey.Token);
        using HttpResponseMessage unknown = await http.SendAsync(unknownRequest);
        using var malformedRequest = new HttpRequestMessage(HttpMethod.Get, "/api/journeys/..%2f..%2fetc");
        malformedRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", journey.Token);
        using HttpResponseMessage malformed = await http.SendAsync(malformedRequest);

        await ProblemAsync(wrongToken, HttpStatusCode.NotFound, "journey-not-found");
        await ProblemAsync(unknown, HttpStatusCode.NotFound, "journey-not-found");
        Assert.Equal(await wrongToken.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task Input_OtherJourneysToken_404()
    {
        JourneyDriver mine = await JourneyDriver.StartAsync(http);
        JourneyDriver theirs = await JourneyDriver.StartAsync(http);

        using HttpResponseMessage response = await mine.PostAsync("/phone-code", new { code = "123456" }, token: theirs.Token);

        await ProblemAsync(response, HttpStatusCode.NotFound, "journey-not-found");
        Assert.Equal(5, (await mine.StatusAsync()).GetProperty("attemptsRemaining").GetInt32());
    }

    [Fact]
    public async Task Input_WrongStage_409StageMismatchNamingTheStage()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);

        using HttpResponseMessage response = await journey.PostAsync("/profile", Builders.Profile());

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.Conflict, "stage-mismatch");
        Assert.Equal("awaitingPhoneCode", problem.GetProperty("stage").GetString());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("1234567")]
    public async Task PhoneCode_NotSixDigits_400AndNoAttemptUsed(string code)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);

        using HttpResponseMessage response = await journey.PostAsync("/phone-code", new { code });

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(5, (await journey.StatusAsync()).GetProperty("attemptsRemaining").GetInt32());
    }

    [Fact]
    public async Task Resend_NoneLeft_429WithRetryAfter()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        for (int left = 2; left >= 0; left--)
        {
            await journey.AppliedAsync("/phone-code/resend", null, status => status.GetProperty("resendsRemaining").GetInt32() == left);
        }

        using HttpResponseMessage response = await journey.PostAsync("/phone-code/resend", null);

        await ProblemAsync(response, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        await journey.PhoneCodeAsync(send: 4); // the last resend's text is on its way
        Assert.Equal(4, (await journey.MessagesAsync(journey.Phone)).Length);
    }

    [Fact]
    public async Task Verification_HolderNameOfSomeoneElse_422WithNameOrderHint()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync();

        using HttpResponseMessage response = await journey.PostAsync("/verification", Builders.BankDetails(journey.AccountNumber, holder: "SMITH JOHN"));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "holder-name-mismatch");
        Assert.Contains("order", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("registered", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    [Theory]
    [InlineData("local")]
    [InlineData("")]
    public async Task Verification_IdentityTypeNotForeigner_400(string identityType)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync();

        using HttpResponseMessage response = await journey.PostAsync("/verification", new
        {
            identityType,
            bankName = "Bank of China",
            bankAccountNumber = journey.AccountNumber,
            accountHolderName = "SMITH ANNA",
        });

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("identityType", out _));
    }

    [Fact]
    public async Task Input_JourneyWhoseOrchestrationHasNotRunYet_503RetryAfterAndNothingLost()
    {
        // A journey row without an orchestration: a start in flight, or one whose first run a crash undid.
        string journeyId = Onboarding.Application.Security.JourneySecrets.NewJourneyId();
        string token = Onboarding.Application.Security.JourneySecrets.NewToken();
        await fixture.Host.Services.GetRequiredService<Onboarding.Application.Storage.JourneyRecords>().InsertAsync(new Onboarding.Application.Storage.JourneyRecord
        {
            PartitionKey = journeyId,
            RowKey = Onboarding.Application.Storage.JourneyRecord.Row,
            TokenHash = Onboarding.Application.Security.JourneySecrets.HashToken(token),
            Email = Builders.Email(),
            EmailKey = journeyId,
            PhoneNumber = Builders.PhoneNumber(),
            Region = "US",
            Language = "en",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/journeys/{journeyId}/phone-code") { Content = Json("{\"code\":\"123456\"}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using HttpResponseMessage response = await http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task UnknownRoute_404ProblemJson()
    {
        using HttpResponseMessage response = await http.GetAsync("/api/nothing-here");

        await ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task WrongMethod_405ProblemJson()
    {
        using HttpResponseMessage response = await http.PutAsync("/api/journeys", Json("{}"));

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
