using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Operators;

namespace Onboarding.Application.Http.Operators;

/// <summary>
/// The contract's OperatorJourney: every member of the JourneyStatus (flat, at the top level),
/// Durable's runtime status and, in the detail view, the audit trail.
/// </summary>
public sealed record OperatorJourneyView : JourneyStatusView
{
    public OperatorJourneyView(JourneyStatusView status, OrchestrationRuntimeStatus? runtimeStatus, IReadOnlyList<AuditEventView>? events)
        : base(status)
    {
        RuntimeStatus = runtimeStatus;
        Events = events;
    }

    /// <summary>Durable's status of the orchestration (<c>running</c>, <c>completed</c>, ...); null when there is no instance.</summary>
    [JsonPropertyOrder(1)]
    public OrchestrationRuntimeStatus? RuntimeStatus { get; init; }

    /// <summary>The journey's audit trail, oldest first: in the detail view only, list items leave the member out.</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditEventView>? Events { get; init; }
}
