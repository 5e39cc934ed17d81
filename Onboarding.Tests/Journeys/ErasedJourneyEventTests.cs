using System.Net;
using Onboarding.Application.Orchestration;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>
/// An input that passed its checks just before an operator's erase raises its event after the
/// purge, and an activity that was running returns its result after it. The Azure Storage
/// provider drops such messages; the local host's in-memory engine must too, instead of making an
/// instance without history and retrying it for ever.
/// </summary>
public sealed class ErasedJourneyEventTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EventAndTerminationAfterErase_DroppedAndTheEngineKeepsWorking()
    {
        JourneyDriver erased = await JourneyDriver.StartAsync(host.Http);
        await erased.PhoneCodeAsync();
        (HttpStatusCode status, _) = await new OperatorClient(host.Http).SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{erased.JourneyId}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        int logged = host.Logs.Lines.Count;

        // Erased while its first activities (the SMS, the first progress report) may still run.
        JourneyDriver erasedAtOnce = await JourneyDriver.StartAsync(host.Http);
        (HttpStatusCode atOnce, _) = await new OperatorClient(host.Http).SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{erasedAtOnce.JourneyId}");
        Assert.Equal(HttpStatusCode.NoContent, atOnce);

        await host.Durable.RaiseEventAsync(erased.JourneyId, PhoneCodeResendRequested.Name, new PhoneCodeResendRequested());
        await host.Durable.TerminateInstanceAsync(erased.JourneyId, "late");
        JourneyDriver next = await JourneyDriver.StartAsync(host.Http);
        await next.ApplyAsync("/phone-code", new { code = await next.PhoneCodeAsync() }, "awaitingEmailConfirmation");

        Assert.Null(await host.Durable.GetInstanceAsync(erased.JourneyId));
        Assert.Null(await host.Durable.GetInstanceAsync(erasedAtOnce.JourneyId));
        string[] since = host.Logs.Lines.Skip(logged).ToArray();
        Assert.True(!since.Any(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)), string.Join("\n", since.Take(40)));
        Assert.Equal(2, since.Count(line => line.Contains("Dropped a", StringComparison.Ordinal) && line.Contains(erased.JourneyId, StringComparison.Ordinal)));
    }
}
