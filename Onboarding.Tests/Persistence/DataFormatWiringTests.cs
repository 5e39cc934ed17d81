using Microsoft.DurableTask;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Persistence;

/// <summary>Both hosts write what Durable stores in <see cref="JourneyDataFormat"/>: enums by name.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class DataFormatWiringTests
{
    [Fact]
    public async Task LocalHost_WorkerAndClient_WriteEnumsByName()
    {
        (DataConverter worker, DataConverter client) = await HostDataConverters.LocalHostAsync();

        Assert.Equal("\"Registered\"", worker.Serialize(JourneyStage.Registered));
        Assert.Equal("\"Registered\"", client.Serialize(JourneyStage.Registered));
    }

    [Fact]
    public void FunctionsApp_DurableWorkerAndClient_WriteEnumsByName()
    {
        (DataConverter worker, DataConverter client) = HostDataConverters.Functions();

        Assert.Equal("\"Registered\"", worker.Serialize(JourneyStage.Registered));
        Assert.Equal("\"Registered\"", client.Serialize(JourneyStage.Registered));
    }
}
