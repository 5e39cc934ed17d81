using System.Text.Json;
using Onboarding.Application.Retention;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Retention;

/// <summary>
/// The Azure twin of the local host's sweep service (whose runs <see cref="RetentionSweepTests"/> watch):
/// the Functions build has one timer-triggered function on the sweeper's schedule, with a Durable client.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class RetentionTimerTests
{
    [Fact]
    public void FunctionsMetadata_RetentionSweep_OneTimerOnTheSweepersScheduleWithADurableClient()
    {
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadata.Load().FilePath));

        JsonElement[] timers = metadata.RootElement.EnumerateArray()
            .Where(function => function.GetProperty("bindings").EnumerateArray().Any(binding => binding.GetProperty("type").GetString() == "timerTrigger"))
            .ToArray();

        JsonElement sweep = Assert.Single(timers);
        Assert.Equal("RetentionSweep", sweep.GetProperty("name").GetString());
        JsonElement[] bindings = sweep.GetProperty("bindings").EnumerateArray().ToArray();
        Assert.Equal(RetentionSweeper.Schedule, bindings.Single(binding => binding.GetProperty("type").GetString() == "timerTrigger").GetProperty("schedule").GetString());
        Assert.Contains(bindings, binding => binding.GetProperty("type").GetString() == "durableClient");
    }
}
