using System.Text.Json;
using Onboarding.Application.Retention;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Retention;

/// <summary>
/// The Azure twin of the local host's sweep service (whose runs <see cref="RetentionSweepTests"/> watch):
/// the Functions build has one timer-triggered function on the sweeper's schedule, with a Durable client
/// (the other timer is the event relay's, <see cref="Events.EventRelayTimerTests"/>).
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class RetentionTimerTests
{
    [Fact]
    public void FunctionsMetadata_RetentionSweep_ATimerOnTheSweepersScheduleWithADurableClient()
    {
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadata.Load().FilePath));

        JsonElement[] timers = metadata.RootElement.EnumerateArray()
            .Where(function => function.GetProperty("bindings").EnumerateArray().Any(binding => binding.GetProperty("type").GetString() == "timerTrigger"))
            .ToArray();

        Assert.Equal(["EventRelay", "RetentionSweep"], timers.Select(timer => timer.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        JsonElement sweep = timers.Single(timer => timer.GetProperty("name").GetString() == "RetentionSweep");
        JsonElement[] bindings = sweep.GetProperty("bindings").EnumerateArray().ToArray();
        Assert.Equal(RetentionSweeper.Schedule, bindings.Single(binding => binding.GetProperty("type").GetString() == "timerTrigger").GetProperty("schedule").GetString());
        Assert.Contains(bindings, binding => binding.GetProperty("type").GetString() == "durableClient");
    }
}
