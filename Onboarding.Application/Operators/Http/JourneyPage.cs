namespace Onboarding.Application.Operators.Http;

/// <summary>The contract's JourneyPage: one page of the operators' listing.</summary>
public sealed record JourneyPage(IReadOnlyList<OperatorJourneyView> Items, string? ContinuationToken);
