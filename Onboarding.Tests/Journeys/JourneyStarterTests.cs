using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Security;
using Onboarding.Domain.Registration;
using Onboarding.Tests.EndToEnd;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>A retried start on the real engine (Azure Storage provider on Azurite): one journey, whatever is repeated.</summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class JourneyStarterTests(AzureStorageHostFixture fixture)
{
    readonly LocalHostInstance host = fixture.Host;

    [Fact]
    public async Task StartAsync_SameJourneyTwice_ClientThrowsOrchestrationAlreadyExistsAndTheStarterReturnsTheFirstRow()
    {
        JourneyStarter starter = host.Services.GetRequiredService<JourneyStarter>();
        Assert.True(EmailAddress.TryParse(Builders.Email(), out EmailAddress? email, out _));
        Assert.True(PhoneNumber.TryParse(Builders.PhoneNumber(), "US", out PhoneNumber? phone, out _));
        var applicant = new Applicant(email!, "US", phone!, "en");
        string journeyId = JourneySecrets.NewJourneyId();
        string token = JourneySecrets.NewToken();

        var first = await starter.StartAsync(host.Durable, applicant, journeyId, token, idempotencyKeyHash: null, CancellationToken.None);
        // What the Durable Task gRPC client throws for an instance that exists in a dedupe status: the type the starter catches.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Durable.ScheduleNewOrchestrationInstanceAsync(
            JourneyOrchestrator.Name,
            new StartOrchestrationOptions(journeyId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>())));
        var again = await starter.StartAsync(host.Durable, applicant, journeyId, JourneySecrets.NewToken(), idempotencyKeyHash: null, CancellationToken.None);

        Assert.Equal(first.TokenHash, again.TokenHash);
        Assert.Equal(journeyId, (await host.Durable.GetInstanceAsync(journeyId))?.InstanceId);
    }
}
