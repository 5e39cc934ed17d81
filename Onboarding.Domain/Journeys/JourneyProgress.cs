namespace Onboarding.Domain.Journeys;

/// <summary>
/// The journey's public state as the orchestration publishes it (its custom status).
/// Holds no secret and no personal data: the identity part of a status (masked e-mail and
/// phone, region, language) is read from the journey's table row.
/// </summary>
public sealed record JourneyProgress(
    JourneyStage Stage,
    DateTime? Deadline,
    int? AttemptsRemaining,
    int? ResendsRemaining,
    VerificationProgress? Verification,
    string? LastErrorCode,
    DateTime UpdatedAt,
    int Version);

/// <summary>The verification part of the status; absent before the first cycle. <see cref="Cycle"/> counts cycles started.</summary>
public sealed record VerificationProgress(
    int Cycle,
    int CyclesRemaining,
    int DepositCount,
    VerificationOutcome? LastOutcome,
    string? BankAccount);

public enum VerificationOutcome
{
    Failed,
    Expired,
}

/// <summary>Machine-readable codes of <c>lastError</c>.</summary>
public static class JourneyErrorCodes
{
    public const string WrongCode = "wrong-code";
    public const string WrongAmounts = "wrong-amounts";
    public const string CodeExpired = "code-expired";
}
