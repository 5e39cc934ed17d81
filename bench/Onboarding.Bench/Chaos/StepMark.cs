namespace Onboarding.Bench.Chaos;

/// <summary>A step of a chaos journey done at <see cref="At"/> (after the first start); it could not have come before <see cref="NotBefore"/> (an expiry's deadline).</summary>
public sealed record StepMark(string Step, TimeSpan At, TimeSpan NotBefore);
