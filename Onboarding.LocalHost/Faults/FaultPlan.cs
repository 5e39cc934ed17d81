namespace Onboarding.LocalHost.Faults;

/// <summary>The body of <c>PUT /dev/faults</c> and <c>GET /dev/faults</c>: every rule in force, in order (the first that matches wins).</summary>
public sealed record FaultPlan(IReadOnlyList<FaultRule> Rules);
