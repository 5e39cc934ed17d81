using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>With <c>HumanCheck:Provider=turnstile</c>: the start and the resends need a token that (a stand-in for) Turnstile accepts.</summary>
public sealed class HumanCheckTests : IAsyncLifetime
{
    TurnstileStandIn turnstile = null!;
    LocalHostInstance host = null!;

    public async Task InitializeAsync()
    {
        turnstile = await TurnstileStandIn.StartAsync();
        host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["HumanCheck:Provider"] = "turnstile",
            ["HumanCheck:SecretKey"] = TurnstileStandIn.Secret,
            ["HumanCheck:SiteVerifyUrl"] = turnstile.SiteVerifyUrl.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await turnstile.DisposeAsync();
    }

    Task<HttpResponseMessage> StartAsync(string? token, string? email = null) =>
        host.Http.PostAsJsonAsync("/api/journeys", new { email = email ?? Builders.Email(), region = "US", phoneNumber = Builders.PhoneNumber(), language = "en", humanCheckToken = token });

    static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("human-check-failed", (await JourneyDriver.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Start_WithoutAValidToken_403AndNothingStarted()
    {
        string email = Builders.Email();
        using HttpResponseMessage none = await StartAsync(null, email);
        using HttpResponseMessage wrong = await StartAsync("not-a-turnstile-token", email);

        await AssertRefusedAsync(none);
        await AssertRefusedAsync(wrong);
        using HttpResponseMessage outbox = await host.Http.GetAsync($"/dev/outbox/messages?to={Uri.EscapeDataString(email)}");
        Assert.Equal(0, (await JourneyDriver.ReadJsonAsync(outbox)).GetArrayLength());
    }

    [Fact]
    public async Task Start_WithAValidToken_StartsAndSendsTheSecretAndTheClientAddress()
    {
        string token = "pass-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await StartAsync(token);
        using HttpResponseMessage reused = await StartAsync(token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await AssertRefusedAsync(reused); // a token works once
        IReadOnlyDictionary<string, string> sent = turnstile.Requests.First(request => request["response"] == token);
        Assert.Equal(TurnstileStandIn.Secret, sent["secret"]);
        Assert.Equal("127.0.0.1", sent["remoteip"]);
    }

    [Fact]
    public async Task Start_TokenSolvedOnAnotherSiteOrForAnotherAction_403()
    {
        // Somebody else's page embedding our site key hands out valid tokens, but for its own host name.
        using HttpResponseMessage elsewhere = await StartAsync(TurnstileStandIn.Token("start", hostname: "free-prizes.example"));
        using HttpResponseMessage otherAction = await StartAsync(TurnstileStandIn.Token("resend"));
        using HttpResponseMessage noAction = await StartAsync(TurnstileStandIn.Token(""));
        using HttpResponseMessage ours = await StartAsync(TurnstileStandIn.Token("start"));

        await AssertRefusedAsync(elsewhere);
        await AssertRefusedAsync(otherAction);
        await AssertRefusedAsync(noAction);
        Assert.Equal(HttpStatusCode.Accepted, ours.StatusCode);
    }

    [Fact]
    public async Task Start_TurnstileFailing_503NotAPass()
    {
        using HttpResponseMessage response = await StartAsync("broken-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", (await JourneyDriver.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resend_NeedsAToken()
    {
        using HttpResponseMessage started = await StartAsync(TurnstileStandIn.Token());
        JsonElement body = await JourneyDriver.ReadJsonAsync(started);
        string path = $"/api/journeys/{body.GetProperty("journeyId").GetString()}/phone-code/resend";

        using HttpResponseMessage without = await SendAsync(path, body, content: null);
        using HttpResponseMessage solvedToStart = await SendAsync(path, body, JsonContent.Create(new { humanCheckToken = TurnstileStandIn.Token("start") }));
        using HttpResponseMessage with = await SendAsync(path, body, JsonContent.Create(new { humanCheckToken = TurnstileStandIn.Token("resend") }));

        await AssertRefusedAsync(without);
        await AssertRefusedAsync(solvedToStart); // a token of another action
        Assert.True(with.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"resend with a token answered {(int)with.StatusCode}");
    }

    Task<HttpResponseMessage> SendAsync(string path, JsonElement started, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", started.GetProperty("journeyToken").GetString());
        return host.Http.SendAsync(request);
    }
}
