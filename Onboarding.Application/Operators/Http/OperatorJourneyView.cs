using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Orchestration;
using Onboarding.Application.PersonalData;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators.Http;

/// <summary>
/// The contract's OperatorJourney: every member of the JourneyStatus (flat, at the top level),
/// Durable's runtime status, the user's pending erasure request and, in the detail view, the audit
/// trail and a step that keeps failing.
/// </summary>
public sealed record OperatorJourneyView : JourneyStatusView
{
    public OperatorJourneyView(
        JourneyStatusView status,
        OrchestrationRuntimeStatus? runtimeStatus,
        ErasureRequest? erasure,
        IReadOnlyList<AuditEventView>? events,
        StepFailure? stepFailure = null)
        : base(status)
    {
        RuntimeStatus = runtimeStatus;
        ErasureRequest = erasure is null ? null : new ErasureRequestView(erasure.RequestedAt.UtcDateTime, erasure.RetainedUntil.UtcDateTime);
        Events = events;
        StepFailure = stepFailure;
    }

    /// <summary>Durable's status of the orchestration (<c>running</c>, <c>completed</c>, ...); null when there is no instance.</summary>
    [JsonPropertyOrder(1)]
    public OrchestrationRuntimeStatus? RuntimeStatus { get; init; }

    /// <summary>The user asked to erase this verified journey, whose KYC record is kept until then; null when not.</summary>
    [JsonPropertyOrder(2)]
    public ErasureRequestView? ErasureRequest { get; init; }

    /// <summary>The journey's audit trail, oldest first: in the detail view only, list items leave the member out.</summary>
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditEventView>? Events { get; init; }

    /// <summary>
    /// In the detail view: a step (activity) of the journey that failed past its retry policy and is
    /// tried again on a timer — which one, the error's type, since when, how many rounds; left out when none.
    /// </summary>
    [JsonPropertyOrder(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepFailure? StepFailure { get; init; }

    /// <summary>What an operator may do to the journey in its stage, as the domain says (the page shows its buttons by it).</summary>
    [JsonPropertyOrder(5)]
    public OperatorActions Actions => new(Stage.Takes(InputKind.Cancellation), Stage.Takes(InputKind.Unlock));
}

/// <summary>The operator's actions the journey's stage allows: terminate (a cancellation) and unlock.</summary>
public sealed record OperatorActions(bool Terminate, bool Unlock);
