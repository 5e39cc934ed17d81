using Onboarding.Application.Messaging;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Journeys;

/// <summary>The contract's JourneyStatus: the row's masked identity plus the orchestration's progress.</summary>
public sealed record JourneyStatusView(
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
    ErrorView? LastError,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static JourneyStatusView From(JourneyRecord record, JourneyProgress progress) => new(
        record.JourneyId,
        progress.Stage,
        record.Region,
        record.Language,
        Masking.Email(record.Email),
        Domain.Registration.PhoneNumber.FromE164(record.PhoneNumber).Masked,
        progress.Deadline,
        progress.AttemptsRemaining,
        progress.ResendsRemaining,
        progress.Verification is { } verification
            ? new VerificationView(verification.Cycle, verification.CyclesRemaining, verification.DepositCount, verification.LastOutcome, verification.BankAccount)
            : null,
        progress.LastErrorCode is { } code ? new ErrorView(code, MessageCatalog.ErrorMessage(code, record.Language) ?? code) : null,
        record.CreatedAt.UtcDateTime,
        progress.UpdatedAt);
}

public sealed record VerificationView(int Cycle, int CyclesRemaining, int DepositCount, VerificationOutcome? LastOutcome, string? BankAccount);

public sealed record ErrorView(string Code, string Message);
