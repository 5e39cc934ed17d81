namespace Onboarding.Application.Journeys.Http;

/// <summary>Body of <c>POST /api/journeys</c>. Strings only: every field is validated by the service, not the parser.</summary>
public sealed record StartJourneyRequest(string? Email, string? Region, string? PhoneNumber, string? Language, string? HumanCheckToken = null);
