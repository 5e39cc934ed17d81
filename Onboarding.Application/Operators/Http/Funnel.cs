namespace Onboarding.Application.Operators.Http;

/// <summary>The contract's Funnel: journeys created in a period, counted by the stage they are in (every stage, zero included).</summary>
public sealed record Funnel(DateTime? From, DateTime? To, int Total, IReadOnlyDictionary<string, int> Stages);
