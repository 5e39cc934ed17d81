namespace Onboarding.Domain.Journeys;

/// <summary>
/// Where a journey stands. Waiting journeys hold these in their orchestration state: by name, and by
/// number where builds before journey version 2.1 wrote them. So a member keeps its name and its
/// number for good, and a new stage takes the next free number wherever it goes in the journey;
/// the order a user goes through the stages is <see cref="JourneyStages.InJourneyOrder"/>
/// (Onboarding.Tests/Persistence checks both).
/// </summary>
public enum JourneyStage
{
    AwaitingPhoneCode = 0,
    AwaitingEmailConfirmation = 1,
    AwaitingProfile = 2,
    Registered = 3,
    AwaitingDepositAmounts = 4,
    Verified = 5,
    Expired = 6,
    Locked = 7,
    Cancelled = 8,
}

public static class JourneyStages
{
    /// <summary>
    /// Every stage, in the order a user goes through the journey: the one list the HTTP contract,
    /// the web app, the operators' page and the README's diagram are checked against.
    /// </summary>
    public static IReadOnlyList<JourneyStage> InJourneyOrder { get; } =
    [
        JourneyStage.AwaitingPhoneCode,
        JourneyStage.AwaitingEmailConfirmation,
        JourneyStage.AwaitingProfile,
        JourneyStage.Registered,
        JourneyStage.AwaitingDepositAmounts,
        JourneyStage.Verified,
        JourneyStage.Expired,
        JourneyStage.Locked,
        JourneyStage.Cancelled,
    ];

    /// <summary>
    /// Stages in which the journey is over: nothing moves it on any more. <c>locked</c> is not
    /// one of them: it waits for an operator's unlock, and the user may still cancel.
    /// </summary>
    public static bool IsFinal(this JourneyStage stage) =>
        stage is JourneyStage.Verified or JourneyStage.Expired or JourneyStage.Cancelled;

    /// <summary>Stages in which the journey still waits for something: every stage that is not final.</summary>
    public static bool IsOpen(this JourneyStage stage) => !stage.IsFinal();

    /// <summary>
    /// The open stages without a deadline: the journey waits in them for as long as the user (or an
    /// operator) likes, so the retention sweep ends them once nothing happened for long enough.
    /// </summary>
    public static bool HasNoDeadline(this JourneyStage stage) => stage is JourneyStage.Registered or JourneyStage.Locked;

    /// <summary>
    /// Whether a journey in this stage takes an input of <paramref name="kind"/> at all: the one table of
    /// stages and inputs (the routes, the orchestrator, the operators' actions and the web app's facts
    /// read it). Whether it takes one now also depends on its deadline and tries: <see cref="JourneyProgress.Accepts"/>.
    /// </summary>
    public static bool Takes(this JourneyStage stage, InputKind kind) => kind switch
    {
        InputKind.PhoneCode or InputKind.PhoneCodeResend => stage == JourneyStage.AwaitingPhoneCode,
        InputKind.EmailConfirmation or InputKind.EmailLinkResend => stage == JourneyStage.AwaitingEmailConfirmation,
        InputKind.Profile => stage == JourneyStage.AwaitingProfile,
        InputKind.Verification => stage == JourneyStage.Registered,
        InputKind.DepositAmounts => stage == JourneyStage.AwaitingDepositAmounts,
        InputKind.Cancellation => stage.IsOpen(),
        InputKind.Unlock => stage == JourneyStage.Locked,
        _ => false,
    };

    /// <summary>The camelCase name used on the wire and in configuration.</summary>
    public static string ToWireName(this JourneyStage stage)
    {
        string name = stage.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParseWireName(string? value, out JourneyStage stage)
    {
        foreach (JourneyStage candidate in InJourneyOrder)
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.Ordinal))
            {
                stage = candidate;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
