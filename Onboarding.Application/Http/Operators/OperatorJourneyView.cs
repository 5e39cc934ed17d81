using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Journeys;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData;

namespace Onboarding.Application.Http.Operators;

/// <summary>
/// The contract's OperatorJourney: the JourneyStatus, Durable's runtime status, the user's pending
/// erasure request, and (in the detail view) the audit trail.
/// </summary>
public static class OperatorJourneyView
{
    public static JsonObject Compose(JourneyStatusView status, OrchestrationRuntimeStatus? runtimeStatus, ErasureRequest? erasure, IReadOnlyList<AuditEventView>? events)
    {
        JsonObject view = JsonSerializer.SerializeToNode(status, ApiJson.Options)!.AsObject();
        view["runtimeStatus"] = RuntimeStatusName(runtimeStatus);
        view["erasureRequest"] = erasure is null
            ? null
            : JsonSerializer.SerializeToNode(new ErasureRequestView(erasure.RequestedAt.UtcDateTime, erasure.RetainedUntil.UtcDateTime), ApiJson.Options);
        if (events is not null)
        {
            view["events"] = JsonSerializer.SerializeToNode(events, ApiJson.Options);
        }

        return view;
    }

    /// <summary>Durable's status in the contract's camelCase (<c>running</c>, <c>completed</c>, ...), or null when no instance exists.</summary>
    public static string? RuntimeStatusName(OrchestrationRuntimeStatus? status)
    {
        if (status is not { } value)
        {
            return null;
        }

        string name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>A verified journey's pending erasure request: when the user asked, and until when the KYC record is kept.</summary>
public sealed record ErasureRequestView(DateTime RequestedAt, DateTime RetainedUntil);
