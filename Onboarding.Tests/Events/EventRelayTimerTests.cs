using System.Text.Json;
using Onboarding.Application.Events;
using Onboarding.Tests.Contract;

namespace Onboarding.Tests.Events;

/// <summary>The Azure twin of the local host's relay service: a timer-triggered function on the relay's schedule.</summary>
public sealed class EventRelayTimerTests
{
    [Fact]
    public void FunctionsMetadata_EventRelay_ATimerEveryMinute()
    {
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadata.Load().FilePath));

        JsonElement relay = metadata.RootElement.EnumerateArray().Single(function => function.GetProperty("name").GetString() == "EventRelay");

        JsonElement trigger = Assert.Single(relay.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(JourneyEventDelivery.RelaySchedule, trigger.GetProperty("schedule").GetString());
        Assert.Equal("0 * * * * *", JourneyEventDelivery.RelaySchedule);
    }
}
