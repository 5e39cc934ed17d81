using System.Text.Json.Serialization;

namespace Onboarding.Domain.Journeys;

/// <summary>
/// The journey's public state as the orchestration publishes it (its custom status).
/// Holds no secret and no personal data: the identity part of a status (masked e-mail and
/// phone, region, language) is read from the journey's table row.
/// </summary>
/// <remarks>
/// The rules that only need the published progress live here, so that the HTTP routes (which
/// have only what was published) and the orchestrator (which has the journey) ask the same thing.
/// </remarks>
public sealed record JourneyProgress(
    JourneyStage Stage,
    DateTime? Deadline,
    int? AttemptsRemaining,
    int? ResendsRemaining,
    VerificationProgress? Verification,
    string? LastErrorCode,
    DateTime UpdatedAt,
    int Version,
    bool ChallengeExpired = false)
{
    /// <summary>The number of the verification cycle a request for verification would start now, from 1.</summary>
    [JsonIgnore]
    public int NextCycle => (Verification?.Cycle ?? 0) + 1;

    /// <summary>Whether the phone code or e-mail link sent last can still be used at <paramref name="now"/>.</summary>
    public bool ChallengeOpenAt(DateTime now) =>
        Stage is JourneyStage.AwaitingPhoneCode or JourneyStage.AwaitingEmailConfirmation && !ChallengeExpired && OpenAt(now);

    /// <summary>Whether an input of <paramref name="kind"/> is taken at <paramref name="now"/>.</summary>
    public InputVerdict Accepts(InputKind kind, DateTime now)
    {
        if (Version == 0)
        {
            return new InputVerdict.Starting();
        }

        var wrongStage = new InputVerdict.WrongStage(Stage);
        if (!Stage.Takes(kind))
        {
            return wrongStage;
        }

        return kind switch
        {
            InputKind.PhoneCode => ChallengeOpenAt(now) && AttemptsRemaining > 0 ? InputVerdict.Accept : NoTriesLeft(JourneyAllowances.CodeAttempts, now),
            InputKind.PhoneCodeResend or InputKind.EmailLinkResend => ResendsRemaining > 0 ? InputVerdict.Accept : NoTriesLeft(JourneyAllowances.Resends, now),
            InputKind.EmailConfirmation => ChallengeOpenAt(now) ? InputVerdict.Accept : wrongStage,
            InputKind.Profile => OpenAt(now) ? InputVerdict.Accept : wrongStage,
            InputKind.Verification => Verification is not { CyclesRemaining: <= 0 } ? InputVerdict.Accept : wrongStage,
            InputKind.DepositAmounts => OpenAt(now) && AttemptsRemaining > 0 ? InputVerdict.Accept : wrongStage,
            _ => InputVerdict.Accept, // a cancellation, an unlock: the stage decides
        };
    }

    bool OpenAt(DateTime now) => Deadline is not { } deadline || now < deadline;

    /// <summary>Nothing changes by itself before the stage's deadline; without one, a second is as good a guess as any.</summary>
    InputVerdict NoTriesLeft(string limit, DateTime now) =>
        new InputVerdict.NoTriesLeft(limit, Deadline is { } deadline && deadline > now ? deadline - now : TimeSpan.FromSeconds(1));
}

/// <summary>The verification part of the status; absent before the first cycle. <see cref="Cycle"/> counts cycles started.</summary>
public sealed record VerificationProgress(
    int Cycle,
    int CyclesRemaining,
    int DepositCount,
    VerificationOutcome? LastOutcome,
    string? BankAccount);

/// <summary>How a verification cycle ended. Stored by waiting journeys: a member keeps its name and number for good.</summary>
public enum VerificationOutcome
{
    Failed = 0,
    Expired = 1,
}

/// <summary>Machine-readable codes of <c>lastError</c>.</summary>
public static class JourneyErrorCodes
{
    public const string WrongCode = "wrong-code";
    public const string WrongAmounts = "wrong-amounts";
    public const string CodeExpired = "code-expired";
}
