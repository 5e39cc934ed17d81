using System.Text.Json.Serialization;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// The orchestration's input: a reference to the journey's row, the rules it runs under, and —
/// when a generation continues as new — what the last one handed over.
/// </summary>
public sealed record JourneyInput(string JourneyId, JourneyPolicy Policy, JourneyContinuation? Continued = null);

/// <summary>
/// What one generation of a journey hands to the next (continue as new): the journey, the inputs
/// applied last (their senders may not have seen them acknowledged yet), the HMAC of the deposit
/// amounts of a cycle under way, and a notice still to send; from version 3, the bank details that
/// cycle paid (<paramref name="PaidInput"/>). No secret in plain form, no personal data.
/// </summary>
public sealed record JourneyContinuation(
    JourneySnapshot Journey,
    IReadOnlyList<string> AppliedInputs,
    string? ExpectedAmountsHmac = null,
    bool DepositReminderSent = false,
    Notice? PendingNotice = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BoundInput? PaidInput = null);
