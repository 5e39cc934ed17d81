namespace Onboarding.Bench.Chaos;

/// <summary>A fault of a chaos run: what failed, from when until when (after the first start).</summary>
public sealed record FaultWindow(string Kind, TimeSpan Start, TimeSpan End)
{
    public override string ToString() => $"{Kind} {Start.TotalSeconds:0.0}–{End.TotalSeconds:0.0} s";
}
