using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// Operators with identities, as on Azure behind App Service Authentication: the platform's
/// principal header with the operator app role lets a person in; the key still lets automation in;
/// the audit trail names who terminated, unlocked or erased.
/// </summary>
public sealed class OperatorIdentityTests : IAsyncLifetime
{
    const string Operator = "olga.operator@contoso.example";
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
    {
        ["Operator:TrustPlatformPrincipal"] = "true",
        ["Journey:MaxDepositAttempts"] = "1",
        ["Journey:MaxVerificationCycles"] = "1",
    });

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    /// <summary>The header App Service Authentication sets: base64 JSON of the token's claims.</summary>
    static string Principal(string name, params string[] roles) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
    {
        auth_typ = "aad",
        claims = roles.Select(role => new { typ = "roles", val = role })
            .Append(new { typ = "preferred_username", val = name })
            .Append(new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = Guid.NewGuid().ToString() }),
        name_typ = "preferred_username",
        role_typ = "roles",
    }));

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? principal = null, string? key = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await host.Http.SendAsync(request);
    }

    [Fact]
    public async Task OperatorRoute_ByIdentity_RoleLetsInNoRoleIs403NothingIs401AndTheKeyStillWorks()
    {
        using HttpResponseMessage withRole = await SendAsync(HttpMethod.Get, "/api/ops/funnel", Principal(Operator, "Onboarding.Operator"));
        using HttpResponseMessage withoutRole = await SendAsync(HttpMethod.Get, "/api/ops/funnel", Principal("someone@contoso.example", "Reader"));
        using HttpResponseMessage nobody = await SendAsync(HttpMethod.Get, "/api/ops/funnel");
        using HttpResponseMessage automation = await SendAsync(HttpMethod.Get, "/api/ops/funnel", key: LocalHostInstance.OperatorKey);
        using HttpResponseMessage garbled = await SendAsync(HttpMethod.Get, "/api/ops/funnel", "not base64 at all");

        Assert.Equal(HttpStatusCode.OK, withRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal("operator-role-required", (await JourneyDriver.ReadJsonAsync(withoutRole)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, automation.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbled.StatusCode);
    }

    [Fact]
    public async Task Page_OnlyForASignedInOperator()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using HttpResponseMessage anonymous = await noRedirects.GetAsync("/ops");
        using HttpResponseMessage withoutRole = await SendAsync(HttpMethod.Get, "/ops", Principal("someone@contoso.example"));
        using HttpResponseMessage withRole = await SendAsync(HttpMethod.Get, "/ops", Principal(Operator, "Onboarding.Operator"));

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/.auth/login/aad", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withRole.StatusCode);
        Assert.Equal("text/html", withRole.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Actions_TerminateUnlockErase_TheAuditTrailAndTheActionLogNameTheOperator()
    {
        string principal = Principal(Operator, "Onboarding.Operator");
        JourneyDriver terminated = await JourneyDriver.StartAsync(host.Http);
        JourneyDriver locked = await JourneyDriver.StartAsync(host.Http);
        await locked.RegisterAsync();
        await locked.ApplyAsync("/verification", Builders.BankDetails(locked.AccountNumber), "awaitingDepositAmounts");
        await locked.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(await locked.DepositAmountsAsync()) }, "locked");

        using HttpResponseMessage terminate = await SendAsync(HttpMethod.Post, $"/api/ops/journeys/{terminated.JourneyId}/terminate", principal, body: new { reason = "duplicate application" });
        using HttpResponseMessage unlock = await SendAsync(HttpMethod.Post, $"/api/ops/journeys/{locked.JourneyId}/unlock", principal);
        Assert.True(terminate.IsSuccessStatusCode, $"terminate answered {(int)terminate.StatusCode}");
        Assert.True(unlock.IsSuccessStatusCode, $"unlock answered {(int)unlock.StatusCode}");

        Assert.Contains(await EventsAsync(terminated.JourneyId), entry => entry.Type == "operator-terminated" && entry.Detail.Contains(Operator, StringComparison.Ordinal));
        Assert.Contains(await EventsAsync(locked.JourneyId), entry => entry.Type == "operator-unlocked" && entry.Detail.Contains(Operator, StringComparison.Ordinal));

        using HttpResponseMessage erase = await SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{terminated.JourneyId}", key: LocalHostInstance.OperatorKey);
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        // The erase took the journey's trail with it; the action log keeps what operators did, naming no one of the journey.
        Assert.Empty(await host.Services.GetRequiredService<Onboarding.Application.Operators.AuditTrail>().ListAsync(terminated.JourneyId));
        using HttpResponseMessage log = await SendAsync(HttpMethod.Get, $"/api/ops/actions?journeyId={terminated.JourneyId}", key: LocalHostInstance.OperatorKey);
        (string Action, string By)[] actions = (await JourneyDriver.ReadJsonAsync(log)).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString()!, entry.GetProperty("by").GetString()!)).ToArray();
        Assert.Equal([("erased", "automation (operator key)"), ("terminated", Operator)], actions);
        using HttpResponseMessage unlocked = await SendAsync(HttpMethod.Get, $"/api/ops/actions?journeyId={locked.JourneyId}", key: LocalHostInstance.OperatorKey);
        Assert.Equal("unlocked", (await JourneyDriver.ReadJsonAsync(unlocked)).GetProperty("items")[0].GetProperty("action").GetString());
    }

    async Task<(string Type, string Detail)[]> EventsAsync(string journeyId)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"/api/ops/journeys/{journeyId}", key: LocalHostInstance.OperatorKey);
        return (await JourneyDriver.ReadJsonAsync(response)).GetProperty("events").EnumerateArray()
            .Select(entry => (entry.GetProperty("type").GetString()!, entry.GetProperty("detail").GetString()!)).ToArray();
    }
}
