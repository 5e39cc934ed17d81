using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Journeys;

/// <summary>The orchestration's input: a reference to the journey's row, and the rules it runs under.</summary>
public sealed record JourneyInput(string JourneyId, JourneyPolicy Policy);
