using System.Text.Json.Serialization;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

// Inputs and outputs of the journey's activities: references and HMACs, never personal data.
// A step that changes the journey's stage carries the change (Record): the activity writes it
// to the operators' projection, audit trail and metrics itself, once however often it runs.

/// <summary>What the journey reports after a stage change: its progress, the stage it left (null at the start), and what happened.</summary>
public sealed record ProgressReport(string JourneyId, JourneyProgress Progress, JourneyStage? Previous, string? Detail = null);

/// <summary>Send number <paramref name="Send"/> (from 1) of a phone code or e-mail link, valid for <paramref name="Validity"/>.</summary>
public sealed record ChallengeOrder(string JourneyId, int Send, TimeSpan Validity, ProgressReport? Record = null);

/// <summary>
/// Send the deposits of verification cycle <paramref name="Cycle"/>, ordered at <paramref name="OrderedAt"/>
/// (orchestration time). With a <paramref name="Record"/>, the step also tells the user the deposits are on their way.
/// With <paramref name="Bank"/> (journey version 3), exactly those bank details are paid.
/// </summary>
public sealed record DepositOrder(
    string JourneyId,
    int Cycle,
    int Count,
    DateTime OrderedAt,
    ProgressReport? Record = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BoundInput? Bank = null);

/// <summary>Open the account from exactly the profile input <paramref name="Profile"/>, and record the move to <c>registered</c>.</summary>
public sealed record AccountOrder(ProgressReport Record, BoundInput Profile);

/// <summary>
/// The deposits of cycle <paramref name="Cycle"/> matched: verify the account with exactly the bank details
/// that were paid (<paramref name="Paid"/>; null for a cycle whose deposits a version-2 generation sent),
/// and record the move to <c>verified</c>.
/// </summary>
public sealed record VerificationOrder(ProgressReport Record, int Cycle, BoundInput? Paid);

/// <summary>The deposits went out: the HMAC of their amounts, and the account shown masked.</summary>
public sealed record DepositsMade(string AmountsHmac, string MaskedAccount);

/// <summary>A message to the user. <paramref name="Key"/> makes it one send however often the activity runs.</summary>
public sealed record Notice(
    string JourneyId,
    NoticeKind Kind,
    string Key,
    DateTime? Deadline = null,
    int? Number = null,
    string? Reason = null,
    ProgressReport? Record = null);

/// <summary>The journey ended as <c>expired</c> or <c>cancelled</c>: tell the user (<paramref name="Notice"/>), and let go of what it held.</summary>
public sealed record JourneyEnd(ProgressReport Record, NoticeKind Notice, string? Reason = null);

/// <summary>What a message to the user is about. Stored by waiting journeys: a member keeps its name and number for good; a new one takes the next free number.</summary>
public enum NoticeKind
{
    Expired = 0,
    Cancelled = 1,
    Terminated = 2,
    DepositsSent = 3,
    DepositReminder = 4,
    CycleFailed = 5,
    CycleExpired = 6,
    Locked = 7,
    Unlocked = 8,
}
