namespace Onboarding.Bench.Chaos;

/// <summary>
/// A fault as it happened, and what it held back: how many journeys were under way when it ended,
/// and how long the slowest of them took to make its next step after the end.
/// </summary>
public sealed record FaultResult(FaultWindow Window, int JourneysUnderWay, TimeSpan SlowestRecovery, string? Slowest)
{
    public override string ToString() =>
        $"{Window}: {JourneysUnderWay} journeys under way at its end, the slowest moved again {SlowestRecovery.TotalSeconds:0.0} s after it{(Slowest is null ? "" : $" ({Slowest})")}";
}
