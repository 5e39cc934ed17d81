using System.Text.Json.Serialization;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

// What the outside world tells a running journey. Each event is a record that carries its own
// wire name and the kind of input it is, so the HTTP handler that raises it and the orchestrator
// that waits for it cannot drift apart. Secrets travel as HMACs (under the current and, during a
// key rotation, the previous key).

/// <summary>An event a journey waits for: its wire name (never changes: waiting journeys are keyed by it) and its kind.</summary>
public interface IJourneyEvent
{
    static abstract string Name { get; }

    static abstract InputKind Kind { get; }
}

/// <summary>
/// An input to the journey. <see cref="InputId"/> is random per request: the orchestrator lists
/// the inputs it applied in its custom status, which is how the sender learns that its own
/// input (not just any change) was applied.
/// </summary>
public abstract record JourneyInputEvent
{
    public string InputId { get; init; } = "";
}

public sealed record PhoneCodeEntered(IReadOnlyList<string> CodeHmacs) : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "PhoneCodeEntered";

    public static InputKind Kind => InputKind.PhoneCode;
}

public sealed record PhoneCodeResendRequested : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "PhoneCodeResendRequested";

    public static InputKind Kind => InputKind.PhoneCodeResend;
}

public sealed record EmailConfirmed(IReadOnlyList<string> TokenHmacs) : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "EmailConfirmed";

    public static InputKind Kind => InputKind.EmailConfirmation;
}

public sealed record EmailLinkResendRequested : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "EmailLinkResendRequested";

    public static InputKind Kind => InputKind.EmailLinkResend;
}

/// <summary>
/// The profile was validated and stored, once, as the journey's profile input (<see cref="Bound"/>:
/// its id and hash; builds before journey version 3 saved it to the journey's row and sent none).
/// </summary>
public sealed record ProfileSubmitted : JourneyInputEvent, IJourneyEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BoundInput? Bound { get; init; }

    public static string Name => "ProfileSubmitted";

    public static InputKind Kind => InputKind.Profile;
}

/// <summary>
/// The bank details of cycle <paramref name="Cycle"/> were validated and stored, once, as the cycle's
/// input (<see cref="Bound"/>; builds before journey version 3 saved them to the journey's row); the account shown masked.
/// </summary>
public sealed record VerificationRequested(int Cycle, string? MaskedAccount = null) : JourneyInputEvent, IJourneyEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BoundInput? Bound { get; init; }

    public static string Name => "VerificationRequested";

    public static InputKind Kind => InputKind.Verification;
}

public sealed record DepositAmountsEntered(int Cycle, IReadOnlyList<string> AmountsHmacs) : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "DepositAmountsEntered";

    public static InputKind Kind => InputKind.DepositAmounts;
}

/// <summary>The user cancelled, or an operator (or the retention sweeper, as an operator) ended the journey with a reason.</summary>
public sealed record JourneyCancelled(bool ByOperator, string? Reason) : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "JourneyCancelled";

    public static InputKind Kind => InputKind.Cancellation;
}

/// <summary>An operator gave a locked journey one more verification cycle.</summary>
public sealed record JourneyUnlocked : JourneyInputEvent, IJourneyEvent
{
    public static string Name => "JourneyUnlocked";

    public static InputKind Kind => InputKind.Unlock;
}

/// <summary>
/// An input with personal data, stored once in <c>JourneyInputs</c> (<see cref="Inputs.JourneyInputStore"/>)
/// under <paramref name="Key"/> (its stage or cycle), referred to by its <paramref name="Id"/> and the
/// <paramref name="Hash"/> (a keyed HMAC) of its content: what the journey decided on is exactly that record.
/// </summary>
public sealed record BoundInput(string Key, string Id, string Hash);
