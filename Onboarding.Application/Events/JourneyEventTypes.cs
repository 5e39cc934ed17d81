using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Events;

/// <summary>
/// The CloudEvents <c>type</c> of each thing that happens to a journey, and which stage change is
/// which. One place: the published events, the audit trail's stage entries and the contract's
/// schemas (a test checks the contract lists exactly these).
/// </summary>
public static class JourneyEventTypes
{
    const string Prefix = "onboarding.journey.";

    public const string Started = Prefix + "started";
    public const string PhoneConfirmed = Prefix + "phoneConfirmed";
    public const string EmailConfirmed = Prefix + "emailConfirmed";
    public const string Registered = Prefix + "registered";
    public const string VerificationStarted = Prefix + "verificationStarted";
    public const string VerificationFailed = Prefix + "verificationFailed";
    public const string VerificationExpired = Prefix + "verificationExpired";
    public const string Verified = Prefix + "verified";
    public const string Locked = Prefix + "locked";
    public const string Unlocked = Prefix + "unlocked";
    public const string Cancelled = Prefix + "cancelled";
    public const string Expired = Prefix + "expired";
    public const string Erased = Prefix + "erased";

    public static IReadOnlyList<string> All { get; } =
    [
        Started, PhoneConfirmed, EmailConfirmed, Registered, VerificationStarted, VerificationFailed, VerificationExpired,
        Verified, Locked, Unlocked, Cancelled, Expired, Erased,
    ];

    /// <summary>
    /// What a stage change means to the rest of the company: mostly the stage reached; back in
    /// <c>registered</c> it is how the journey got there (a failed or expired cycle, an unlock).
    /// Every change has a type, so a journey version that adds a path between known stages publishes without a change here.
    /// </summary>
    public static string Of(JourneyStage? previous, JourneyProgress progress) => progress.Stage switch
    {
        JourneyStage.AwaitingPhoneCode => Started,
        JourneyStage.AwaitingEmailConfirmation => PhoneConfirmed,
        JourneyStage.AwaitingProfile => EmailConfirmed,
        JourneyStage.Registered when previous == JourneyStage.Locked => Unlocked,
        JourneyStage.Registered when previous == JourneyStage.AwaitingDepositAmounts =>
            progress.Verification?.LastOutcome == VerificationOutcome.Expired ? VerificationExpired : VerificationFailed,
        JourneyStage.Registered => Registered,
        JourneyStage.AwaitingDepositAmounts => VerificationStarted,
        JourneyStage.Verified => Verified,
        JourneyStage.Locked => Locked,
        JourneyStage.Cancelled => Cancelled,
        JourneyStage.Expired => Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(progress), progress.Stage, "A stage without an event type."),
    };

    /// <summary>The part after <c>onboarding.journey.</c>: what operators read in the audit trail.</summary>
    public static string ShortName(string type) => type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : type;
}
