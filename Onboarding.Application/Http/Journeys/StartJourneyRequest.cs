namespace Onboarding.Application.Http.Journeys;

/// <summary>Body of <c>POST /api/journeys</c>. Strings only: every field is validated by the service, not the parser.</summary>
public sealed record StartJourneyRequest(string? Email, string? Region, string? PhoneNumber, string? Language);

/// <summary>The validated start: what the journey's row is made from.</summary>
public sealed record JourneyApplicant(Onboarding.Domain.Registration.EmailAddress Email, string Region, Onboarding.Domain.Registration.PhoneNumber Phone, string Language);
