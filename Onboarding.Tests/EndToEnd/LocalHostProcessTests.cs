using System.Net;
using System.Text.Json;
using Onboarding.Testing;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>The local host as run.sh runs it: its own process, configured by environment variables, killed and restarted.</summary>
public sealed class LocalHostProcessTests
{
    [Fact]
    public async Task Process_JourneySettingsFromEnvironment_Applied()
    {
        await using HostProcess host = NewHost(new Dictionary<string, string>
        {
            ["Journey__MaxResends"] = "1",
            ["Journey__MaxCodeAttempts"] = "2",
            ["Journey__PhoneCodeValidity"] = "00:03:00",
        });
        await host.StartAsync();

        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);

        // Under load the start may answer before the journey's first run published its status (the
        // 202's status then has no deadline yet): read it again until it has.
        JsonElement status = journey.StartStatus;
        for (int read = 0; read < 60 && status.GetProperty("deadline").ValueKind == JsonValueKind.Null; read++)
        {
            await Task.Delay(500);
            status = await journey.StatusAsync();
        }

        Assert.Equal(1, status.GetProperty("resendsRemaining").GetInt32());
        Assert.Equal(2, status.GetProperty("attemptsRemaining").GetInt32());
        DateTime updated = status.GetProperty("updatedAt").GetDateTime();
        DateTime deadline = status.GetProperty("deadline").GetDateTime();
        Assert.InRange(deadline - updated, TimeSpan.FromSeconds(179), TimeSpan.FromSeconds(181));
        // The stage is published with the text on its way: wait for it.
        Assert.Contains("3 minutes", JourneyDriver.Text(await journey.WaitForMessageAsync(journey.Phone, _ => true)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_KilledMidJourneyAndRestarted_JourneyCarriesOn()
    {
        await using HostProcess first = NewHost();
        await first.StartAsync();
        JourneyDriver journey = await JourneyDriver.StartAsync(first.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        Uri link = await journey.EmailLinkAsync();

        first.Kill();
        await first.StartAsync(); // same task hub, tables and keys
        using HttpResponseMessage confirmed = await first.Http.PostAsync(link.AbsolutePath, new StringContent(
            JsonSerializer.Serialize(new { token = JourneyDriver.TokenOf(link) }), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{confirmed.StatusCode}");
        await journey.WaitForStageAsync("awaitingProfile", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Process_Sigterm_StopsWithinTenSeconds()
    {
        await using HostProcess host = NewHost();
        await host.StartAsync();

        bool exited = await host.StopAsync(within: TimeSpan.FromSeconds(10));

        Assert.True(exited, "the local host did not stop on SIGTERM");
    }

    /// <summary>The built local host as its own process on the suite's Azurite, its output under the test's folder.</summary>
    static HostProcess NewHost(Dictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string> { ["Durable__MaxQueuePollingInterval"] = "00:00:00.500" };
        foreach ((string key, string value) in settings ?? [])
        {
            environment[key] = value;
        }

        return new HostProcess(
            Path.Combine(AppContext.BaseDirectory, "Onboarding.LocalHost.dll"),
            TestStorage.ConnectionString,
            environment,
            Path.Combine(AppContext.BaseDirectory, "host-logs", $"local-host-{Guid.NewGuid():N}.log"));
    }
}
