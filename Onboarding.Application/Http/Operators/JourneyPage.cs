namespace Onboarding.Application.Http.Operators;

/// <summary>The contract's JourneyPage: one page of the operators' listing.</summary>
public sealed record JourneyPage(IReadOnlyList<OperatorJourneyView> Items, string? ContinuationToken);
