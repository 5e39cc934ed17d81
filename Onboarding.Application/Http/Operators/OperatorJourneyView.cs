using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Journeys;
using Onboarding.Application.Operators;

namespace Onboarding.Application.Http.Operators;

/// <summary>
/// The contract's OperatorJourney: every member of the JourneyStatus (flat, at the top level),
/// Durable's runtime status and, in the detail view, the audit trail and a step that keeps failing.
/// </summary>
public sealed record OperatorJourneyView : JourneyStatusView
{
    public OperatorJourneyView(JourneyStatusView status, OrchestrationRuntimeStatus? runtimeStatus, IReadOnlyList<AuditEventView>? events, StepFailure? stepFailure = null)
        : base(status)
    {
        RuntimeStatus = runtimeStatus;
        Events = events;
        StepFailure = stepFailure;
    }

    /// <summary>Durable's status of the orchestration (<c>running</c>, <c>completed</c>, ...); null when there is no instance.</summary>
    [JsonPropertyOrder(1)]
    public OrchestrationRuntimeStatus? RuntimeStatus { get; init; }

    /// <summary>The journey's audit trail, oldest first: in the detail view only, list items leave the member out.</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditEventView>? Events { get; init; }

    /// <summary>
    /// In the detail view: a step (activity) of the journey that failed past its retry policy and is
    /// tried again on a timer — which one, the error's type, since when, how many rounds; left out when none.
    /// </summary>
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepFailure? StepFailure { get; init; }
}
