namespace Onboarding.Application.Journeys;

// What the outside world tells a running journey. Each event is a record bound to one name,
// used by both the HTTP handler that raises it and the orchestrator that waits for it.
// Secrets travel as HMACs (under the current and, during a key rotation, the previous key).

/// <summary>
/// An input to the journey. <see cref="InputId"/> is random per request: the orchestrator lists
/// the inputs it applied in its custom status, which is how the sender learns that its own
/// input (not just any change) was applied.
/// </summary>
public abstract record JourneyInputEvent
{
    public string InputId { get; init; } = "";
}

public sealed record PhoneCodeEntered(IReadOnlyList<string> CodeHmacs) : JourneyInputEvent;

public sealed record PhoneCodeResendRequested : JourneyInputEvent;

public sealed record EmailConfirmed(IReadOnlyList<string> TokenHmacs) : JourneyInputEvent;

public sealed record EmailLinkResendRequested : JourneyInputEvent;

/// <summary>The profile was validated and saved to the journey's row.</summary>
public sealed record ProfileSubmitted : JourneyInputEvent;

/// <summary>The bank details were validated and saved to the journey's row.</summary>
public sealed record VerificationRequested(int Cycle) : JourneyInputEvent;

public sealed record DepositAmountsEntered(int Cycle, IReadOnlyList<string> AmountsHmacs) : JourneyInputEvent;

/// <summary>The user cancelled, or an operator terminated the journey (with a reason).</summary>
public sealed record JourneyCancelled(bool ByOperator, string? Reason) : JourneyInputEvent;

/// <summary>An operator gave a locked journey one more verification cycle.</summary>
public sealed record JourneyUnlocked : JourneyInputEvent;

public static class JourneyEvents
{
    public const string PhoneCodeEntered = nameof(Journeys.PhoneCodeEntered);
    public const string PhoneCodeResendRequested = nameof(Journeys.PhoneCodeResendRequested);
    public const string EmailConfirmed = nameof(Journeys.EmailConfirmed);
    public const string EmailLinkResendRequested = nameof(Journeys.EmailLinkResendRequested);
    public const string ProfileSubmitted = nameof(Journeys.ProfileSubmitted);
    public const string VerificationRequested = nameof(Journeys.VerificationRequested);
    public const string DepositAmountsEntered = nameof(Journeys.DepositAmountsEntered);
    public const string JourneyCancelled = nameof(Journeys.JourneyCancelled);
    public const string JourneyUnlocked = nameof(Journeys.JourneyUnlocked);
}
