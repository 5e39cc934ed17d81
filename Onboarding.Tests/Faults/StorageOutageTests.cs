using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Onboarding.Testing;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Faults;

/// <summary>
/// What a client meets while storage hangs (its own Azurite, paused with SIGSTOP, under a local host
/// process on the Azure Storage provider — a process, because the provider's partition manager may
/// take minutes to let go after a hang and would then crash the test run): every request is answered <c>503 unavailable</c> with Retry-After
/// within the contract's 10 s instead of hanging, <c>/api/health</c> names what is down, and once
/// storage answers again so does the journey.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    AzuriteProcess azurite = null!;
    HostProcess host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(RepositoryRoot.Path);
        host = new HostProcess(
            Path.Combine(AppContext.BaseDirectory, "Onboarding.LocalHost.dll"),
            azurite.ConnectionString,
            null,
            Path.Combine(azurite.DataFolder, "host.log"));
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        azurite.Resume();
        await host.DisposeAsync();
        azurite.Dispose();
    }

    [Fact]
    public async Task StoragePaused_StatusInputAndHealth_503WithRetryAfterWithinTheDeadlineThenServedAgain()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.WaitForStageAsync("awaitingPhoneCode");

        azurite.Pause();
        var clock = Stopwatch.StartNew();
        Task<Answer> status = TimedAsync(() => journey.SendAsync(HttpMethod.Get, ""));
        Task<Answer> input = TimedAsync(() => journey.PostAsync("/phone-code", new { code = "000000" }));
        Task<Answer> health = TimedAsync(() => host.Http.GetAsync("/api/health"));
        Answer[] answers = await Task.WhenAll(status, input, health);
        azurite.Resume();

        foreach (Answer answer in answers)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.NotNull(answer.RetryAfter);
            Assert.True(answer.Took < TimeSpan.FromSeconds(12), $"an answer took {answer.Took.TotalSeconds:0.0} s");
        }

        Assert.Equal("unavailable", answers[0].Body.GetProperty("code").GetString());
        Assert.Equal("unavailable", answers[1].Body.GetProperty("code").GetString());
        Assert.Equal("unhealthy", answers[2].Body.GetProperty("status").GetString());
        Assert.Equal("down", answers[2].Body.GetProperty("dependencies").GetProperty("storage").GetString());
        Assert.Equal("down", answers[2].Body.GetProperty("dependencies").GetProperty("durable").GetString());
        Assert.True(answers[2].Took < TimeSpan.FromSeconds(6), $"health took {answers[2].Took.TotalSeconds:0.0} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(13));

        // Storage answers again: so does the journey, and the health route.
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode healthNow;
        do
        {
            using HttpResponseMessage again = await host.Http.GetAsync("/api/health");
            healthNow = again.StatusCode;
        }
        while (healthNow != HttpStatusCode.OK && DateTime.UtcNow < giveUp && await Delay());
        Assert.Equal(HttpStatusCode.OK, healthNow);
        Assert.Equal("awaitingPhoneCode", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    static async Task<Answer> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await send();
        JsonElement body = await JourneyDriver.ReadJsonAsync(response);
        return new Answer(response.StatusCode, body, response.Headers.RetryAfter?.Delta, clock.Elapsed);
    }

    sealed record Answer(HttpStatusCode Status, JsonElement Body, TimeSpan? RetryAfter, TimeSpan Took);
}
