using Onboarding.Application.Localization;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Contract;

/// <summary>
/// The contract's JourneyStatus: the row's masked identity plus the orchestration's progress, and,
/// once the journey ended unverified, how (<see cref="JourneyEnding"/>: the row's, written by the
/// journey's last step, so it may come a moment after the final stage). Not sealed: the operators'
/// view extends it with members of its own.
/// </summary>
public record JourneyStatusView(
    string JourneyId,
    JourneyStage Stage,
    string Region,
    string Language,
    string Email,
    string PhoneNumber,
    DateTime? Deadline,
    int? AttemptsRemaining,
    int? ResendsRemaining,
    VerificationView? Verification,
    ErrorView LastError,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    JourneyEnding? Ending = null)
{
    public static JourneyStatusView From(JourneyRecord record, JourneyProgress progress) => new JourneyStatusView(
        record.JourneyId,
        progress.Stage,
        record.Region,
        record.Language,
        record.EmailShown(),
        record.PhoneNumberShown(),
        null,
        null,
        null,
        null,
        new ErrorView(null, null),
        record.CreatedAt.UtcDateTime,
        progress.UpdatedAt,
        record.EndedBy is { } by ? new JourneyEnding(by, record.EndedAtStage, record.EndReason) : null).WithProgress(progress);

    /// <summary>The same identity with another progress (a newer one than this status was made from).</summary>
    public JourneyStatusView WithProgress(JourneyProgress progress) => this with
    {
        Stage = progress.Stage,
        Deadline = progress.Deadline,
        AttemptsRemaining = progress.AttemptsRemaining,
        ResendsRemaining = progress.ResendsRemaining,
        Verification = progress.Verification is { } verification
            ? new VerificationView(verification.Cycle, verification.CyclesRemaining, verification.DepositCount, verification.LastOutcome, verification.BankAccount)
            : null,
        LastError = new ErrorView(progress.LastErrorCode, MessageCatalog.ErrorMessage(progress.LastErrorCode, Language)),
        UpdatedAt = progress.UpdatedAt,
    };
}

public sealed record VerificationView(int Cycle, int CyclesRemaining, int DepositCount, VerificationOutcome? LastOutcome, string? BankAccount);

/// <summary><c>lastError</c>: always present; its code and message are null when the last input succeeded.</summary>
public sealed record ErrorView(string? Code, string? Message);
