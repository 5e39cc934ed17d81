using System.Text.Json.Serialization;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// Body of <c>POST /api/journeys</c>. Strings only: every field is validated by the service, not the parser.
/// <c>region</c> is where the person lives; <c>nationality</c> (optional) lets the start refuse whom
/// the flow is not for before a code is texted. (Left out of an Idempotency-Key's body hash when
/// absent, so a key recorded before the field existed still matches its retry.)
/// </summary>
public sealed record StartJourneyRequest(
    string? Email,
    string? Region,
    string? PhoneNumber,
    string? Language,
    string? HumanCheckToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Nationality = null);
