using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Http;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Validation;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Http;

/// <summary>
/// The contract's problem+json on the wire, as the framework's problem details written with the
/// contract's JSON options: exactly these members and values, never cached, Retry-After in seconds.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class ProblemResultTests
{
    [Fact]
    public async Task Validation_FieldErrors_ErrorsByFieldNamesAsGiven()
    {
        var errors = new ValidationErrors();
        errors.Add("Idempotency-Key", "Must be 'x' <y> + 中文.");
        errors.Add("code", "a");
        errors.Add("code", "b");

        (HttpResponse response, string body) = await WriteAsync(Problems.Validation(errors));

        Assert.Equal(400, response.StatusCode);
        AssertJson("""
            {"type":"about:blank","status":400,"title":"The request is not valid.","detail":"One or more fields are not valid; see errors.",
             "code":"validation-failed","errors":{"Idempotency-Key":["Must be 'x' <y> + 中文."],"code":["a","b"]}}
            """, body);
        // The contract's relaxed encoder (ApiJson), not the framework's default, which escapes these.
        Assert.Contains("'x' <y> + 中文", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StageMismatch_Stage_AnExtensionMember()
    {
        (HttpResponse response, string body) = await WriteAsync(Problems.StageMismatch(JourneyStage.AwaitingDepositAmounts));

        Assert.Equal(409, response.StatusCode);
        AssertJson("""
            {"type":"about:blank","status":409,"title":"Not possible at this stage.",
             "detail":"The journey is in stage 'awaitingDepositAmounts', which does not accept this request.",
             "code":"stage-mismatch","stage":"awaitingDepositAmounts"}
            """, body);
    }

    [Fact]
    public async Task TooManyRequests_FractionOfASecond_RetryAfterRoundedUpNoStoreAndTheLimit()
    {
        (HttpResponse response, string body) = await WriteAsync(Problems.NoTriesLeft(JourneyAllowances.Resends, TimeSpan.FromSeconds(1.2)));

        Assert.Equal(429, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("2", response.Headers.RetryAfter.ToString());
        AssertJson("""
            {"type":"about:blank","status":429,"title":"Too many requests.","detail":"No resends are left for this step.","code":"too-many-requests","retryAfter":2,"limit":"resends"}
            """, body);
    }

    [Fact]
    public async Task JourneyNotFound_NoRetryAfter_OnlyTheRfcMembersAndCode()
    {
        (HttpResponse response, string body) = await WriteAsync(Problems.JourneyNotFound());

        Assert.Equal(404, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        AssertJson("""
            {"type":"about:blank","status":404,"title":"Journey not found.","detail":"No journey matches this id and credential.","code":"journey-not-found"}
            """, body);
    }

    static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    static async Task<(HttpResponse Response, string Body)> WriteAsync(ApiProblem problem)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await problem.ToResult().ExecuteAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}
