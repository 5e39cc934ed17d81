using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Development;
using Onboarding.Application.Messaging;
using Onboarding.Application.Verification;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Faults;

/// <summary>
/// The development fault injection (<c>DevFaults:Enabled</c>, <c>/dev/faults</c>) on a real local
/// host, and what the app's own clients do about each fault: the ACS client waits out a 429's
/// Retry-After and gives up on a hanging ACS within its budget; a payout that timed out after paying
/// pays nothing more when repeated with the same reference.
/// </summary>
public sealed class InjectedFaultTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() =>
        host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?> { ["DevFaults:Enabled"] = "true" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DevFaults_NotEnabled_RouteIsNotServed()
    {
        await using LocalHostInstance plain = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

        using HttpResponseMessage response = await plain.Http.PutAsJsonAsync("/dev/faults", new { rules = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.IsType<SandboxBank>(plain.Services.GetRequiredService<IDepositGateway>());
    }

    [Fact]
    public async Task DevFaults_ModeOfAnotherTarget_400()
    {
        using HttpResponseMessage response = await host.Http.PutAsJsonAsync("/dev/faults", new { rules = new[] { new { target = "acs", mode = "timeoutAfterPaying" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation-failed", (await JourneyDriver.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Acs_ThrottledWithRetryAfter_ClientWaitsItOutAndSendsOnce()
    {
        ISmsSender sms = Sms();
        string warm = Builders.PhoneNumber().Replace(" ", "", StringComparison.Ordinal);
        await sms.SendAsync(new SmsMessage(warm, "warm-up"), new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);
        await SetFaultsAsync(new { target = "acs", mode = "throttle", until = DateTime.UtcNow.AddSeconds(5), retryAfterSeconds = 3 });
        string to = Builders.PhoneNumber().Replace(" ", "", StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        await sms.SendAsync(new SmsMessage(to, "hello"), new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);

        // Tries at 0 s and 3 s meet the 429 (Retry-After 3); the third, at 6 s, is past the fault. The client's own
        // backoff (0.5 s, 1 s, 2 s, 4 s) would have tried four times inside the 5 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
        Assert.Equal(2, host.Logs.Lines.Count(line => line.Contains("Injected fault: Acs Throttle", StringComparison.Ordinal)));
        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(to, CancellationToken.None));
    }

    [Fact]
    public async Task Acs_Hanging_ClientGivesUpWithinItsBudgetAndHealthSaysMessagingIsDown()
    {
        await SetFaultsAsync(new { target = "acs", mode = "hang" });
        string to = Builders.PhoneNumber().Replace(" ", "", StringComparison.Ordinal);
        var options = new AcsClientOptions { SendBudget = TimeSpan.FromSeconds(3) };
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(1);
        options.AddPolicy(new MessagingHealthPolicy(host.Services.GetRequiredService<MessagingHealth>()), Azure.Core.HttpPipelinePosition.PerRetry);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sms(options).SendAsync(new SmsMessage(to, "hello"), new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"the send took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(await host.Services.GetRequiredService<DevOutbox>().ListAsync(to, CancellationToken.None));
        using HttpResponseMessage health = await host.Http.GetAsync("/api/health");
        JsonElement body = await JourneyDriver.ReadJsonAsync(health);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // requests are still served; journeys wait and retry
        Assert.Equal("healthy", body.GetProperty("status").GetString()); // as the contract means it: requests are served
        Assert.Equal("down", body.GetProperty("dependencies").GetProperty("messaging").GetString());
    }

    [Fact]
    public async Task Bank_TimeoutAfterPaying_RepeatPaysNothingMoreAndReturnsTheFirstAmounts()
    {
        await SetFaultsAsync(new { target = "bank", mode = "timeoutAfterPaying", delaySeconds = 0.1 });
        IDepositGateway bank = host.Services.GetRequiredService<IDepositGateway>();
        string reference = "ONB-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant() + "-1";
        var account = new BankAccount("Bank of China", Builders.AccountNumber(), "SMITH ANNA");

        await Assert.ThrowsAsync<TimeoutException>(() => bank.PayOnceAsync(reference, account, [37, 52], CancellationToken.None));
        await SetFaultsAsync();
        IReadOnlyList<int> paid = await bank.PayOnceAsync(reference, account, [11, 22], CancellationToken.None);

        Assert.Equal([37, 52], paid);
        IReadOnlyList<SandboxTransfer> statement = await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account.AccountNumber, CancellationToken.None);
        Assert.Equal([37, 52], statement.Select(transfer => transfer.AmountFen).Order());
    }

    [Fact]
    public async Task Bank_Failing_NothingPaid()
    {
        await SetFaultsAsync(new { target = "bank", mode = "fail" });
        var account = new BankAccount("Bank of China", Builders.AccountNumber(), "SMITH ANNA");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            host.Services.GetRequiredService<IDepositGateway>().PayOnceAsync("ONB-FAILING00000-1", account, [37, 52], CancellationToken.None));

        Assert.Empty(await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account.AccountNumber, CancellationToken.None));
    }

    async Task SetFaultsAsync(params object[] rules)
    {
        using HttpResponseMessage response = await host.Http.PutAsJsonAsync("/dev/faults", new { rules });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The app's ACS client, pointed at this host's local ACS endpoint.</summary>
    ISmsSender Sms(AcsClientOptions? options = null) =>
        AcsClient.FromConnectionString($"endpoint={host.BaseAddress}acs/;accesskey={host.AcsAccessKey}", "DoNotReply@onboarding.local", "+18005550100", options);
}
