using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.LocalHost;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// CORS on the local host (<c>Cors:AllowedOrigins</c>): a preflight for every operation of
/// openapi.yaml is answered for an allowed origin, with what its browser needs to send the request;
/// another origin gets no CORS header at all, and neither do its actual requests. No response header
/// is exposed, as on Azure, where the Functions host's CORS exposes none: what a page on another
/// origin needs is in the body (retryAfter, journeyId), so a frontend built against the local host
/// works on Azure.
/// </summary>
public sealed class CorsTests(CorsTests.AllowedOriginsHost fixture) : IClassFixture<CorsTests.AllowedOriginsHost>
{
    const string Allowed = "http://localhost:5173";
    const string Other = "https://evil.example";
    readonly LocalHostInstance host = fixture.Host;

    public static TheoryData<string, string> Operations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (ContractDocument.Operation operation in ContractDocument.Operations(ContractDocument.Load()))
            {
                data.Add(operation.Method, operation.Path);
            }

            return data;
        }
    }

    /// <summary>One host for the class, with two allowed origins.</summary>
    public sealed class AllowedOriginsHost : IAsyncLifetime
    {
        public LocalHostInstance Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = Allowed,
            ["Cors:AllowedOrigins:1"] = "https://app.example.com",
            ["Limits:StartsPerClientPerHour"] = "1", // the second start of this class meets the limit
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Preflight_AllowedOrigin_AllowsTheMethodAndHeaders(string method, string path)
    {
        using HttpResponseMessage response = await PreflightAsync(method, path, Allowed, "authorization,content-type,idempotency-key,last-event-id");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Header(response, "Access-Control-Allow-Methods")!.Split(',').Select(value => value.Trim()));
        string[] headers = Header(response, "Access-Control-Allow-Headers")!.Split(',').Select(value => value.Trim().ToLowerInvariant()).ToArray();
        Assert.Contains("authorization", headers);
        Assert.Contains("content-type", headers);
        Assert.Contains("last-event-id", headers);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials")); // bearer tokens, never cookies
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Preflight_OtherOrigin_GetsNoCorsHeader(string method, string path)
    {
        using HttpResponseMessage response = await PreflightAsync(method, path, Other, "authorization");

        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Request_AllowedOrigin_CanReadTheAnswerAndNoHeaderIsExposed()
    {
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        allowed.Headers.Add("Origin", Allowed);
        using HttpResponseMessage answer = await host.Http.SendAsync(allowed);
        Assert.Equal(Allowed, Header(answer, "Access-Control-Allow-Origin"));
        Assert.Null(Header(answer, "Access-Control-Expose-Headers"));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        other.Headers.Add("Origin", Other);
        using HttpResponseMessage refused = await host.Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the server answers; the browser keeps it from the page
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Start_FromAnotherOrigin_BodySaysWhatLocationAndRetryAfterSay()
    {
        // Arrange: one start an hour from this client (the fixture's limit).
        static HttpRequestMessage Start(string email)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/journeys")
            {
                Content = JsonContent.Create(new { email, region = "US", phoneNumber = "+1 415 555 0142", language = "en" }),
            };
            request.Headers.Add("Origin", Allowed);
            return request;
        }

        // Act
        using HttpResponseMessage started = await host.Http.SendAsync(Start("cors-start@example.com"));
        using HttpResponseMessage refused = await host.Http.SendAsync(Start("cors-start-2@example.com"));

        // Assert: the page can read neither header, and needs neither.
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Null(Header(started, "Access-Control-Expose-Headers"));
        using (JsonDocument body = JsonDocument.Parse(await started.Content.ReadAsStringAsync()))
        {
            Assert.Equal(started.Headers.Location!.OriginalString, $"/api/journeys/{body.RootElement.GetProperty("journeyId").GetString()}");
        }

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Null(Header(refused, "Access-Control-Expose-Headers"));
        using (JsonDocument body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, body.RootElement.GetProperty("retryAfter").GetInt32());
        }
    }

    [Theory]
    [InlineData("http://localhost:5173/")]
    [InlineData("http://localhost:5173/app")]
    [InlineData("*")]
    [InlineData("localhost:5173")]
    [InlineData("ftp://example.com")]
    public void Options_NotAnExactOrigin_IsRefused(string origin)
    {
        var options = new BrowserOriginsOptions { AllowedOrigins = [origin] };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(origin, Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    async Task<HttpResponseMessage> PreflightAsync(string method, string path, string origin, string headers)
    {
        string target = path.Replace("{journeyId}", "0f3c9a6d2b7e4f18a5c1d2e3f4a5b6c7", StringComparison.Ordinal).Replace("{file}", "app.js", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Options, target);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await host.Http.SendAsync(request);
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;
}
