using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Journeys;

// Inputs and outputs of the journey's activities: references and HMACs, never personal data.

/// <summary>Send number <paramref name="Send"/> (from 1) of a phone code or e-mail link, valid for <paramref name="Validity"/>.</summary>
public sealed record ChallengeOrder(string JourneyId, int Send, TimeSpan Validity);

/// <summary>Send the deposits of verification cycle <paramref name="Cycle"/>, ordered at <paramref name="OrderedAt"/> (orchestration time).</summary>
public sealed record DepositOrder(string JourneyId, int Cycle, int Count, DateTime OrderedAt);

/// <summary>The deposits went out: the HMAC of their amounts, and the account shown masked.</summary>
public sealed record DepositsMade(string AmountsHmac, string MaskedAccount);

/// <summary>A message to the user. <paramref name="Key"/> makes it one send however often the activity runs.</summary>
public sealed record Notice(string JourneyId, NoticeKind Kind, string Key, DateTime? Deadline = null, int? Number = null, string? Reason = null);

/// <summary>What the journey reports after each stage change: its progress, the stage it left (null at the start), and what happened.</summary>
public sealed record ProgressReport(string JourneyId, JourneyProgress Progress, JourneyStage? Previous, string? Detail = null);

public enum NoticeKind
{
    Expired,
    Cancelled,
    Terminated,
    DepositsSent,
    DepositReminder,
    CycleFailed,
    CycleExpired,
    Locked,
    Unlocked,
}

public static class JourneyActivities
{
    public const string SendPhoneCode = nameof(SendPhoneCode);
    public const string SendEmailLink = nameof(SendEmailLink);
    public const string OpenAccount = nameof(OpenAccount);
    public const string NotifyUser = nameof(NotifyUser);
    public const string ReleaseRegistration = nameof(ReleaseRegistration);
    public const string SendDeposits = nameof(SendDeposits);
    public const string CompleteVerification = nameof(CompleteVerification);
    public const string RecordProgress = nameof(RecordProgress);
}
