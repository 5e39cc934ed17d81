namespace Onboarding.Domain.Journeys;

/// <summary>
/// Everything a <see cref="Journey"/> knows, so that a new orchestration generation (continue as
/// new) can take over where the last one stopped. Holds no secret and no personal data.
/// </summary>
public sealed record JourneySnapshot(
    JourneyStage Stage,
    DateTime? Deadline,
    int? AttemptsRemaining,
    int? ResendsRemaining,
    bool ChallengeExpired,
    string? LastErrorCode,
    DateTime UpdatedAt,
    int Version,
    int CyclesRemaining,
    int CyclesStarted,
    VerificationOutcome? LastOutcome,
    string? BankAccount);
