using Onboarding.Application.Journeys;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>
/// Brings the operators' projection up to a journey's progress and, when that is a stage change,
/// appends it to the audit trail and counts it. Used by the journey (after each stage change) and by
/// the operators' detail view (when the projection lags): whichever comes first records the change,
/// the other finds it recorded — the audit entry's key is the status version.
/// </summary>
public sealed class ProgressRecorder(JourneyIndex index, AuditTrail audit, JourneyMetrics metrics)
{
    /// <summary>True when this call recorded a stage change.</summary>
    public async Task<bool> RecordAsync(JourneyRecord journey, JourneyProgress progress, string? detail, CancellationToken cancellationToken)
    {
        JourneyStage? previous = await index.RecordAsync(JourneyStatusView.From(journey, progress), progress.Version, cancellationToken);
        if (previous == progress.Stage)
        {
            return false;
        }

        string change = previous is { } from ? $"{from.ToWireName()} → {progress.Stage.ToWireName()}" : progress.Stage.ToWireName();
        await audit.AppendAsync(
            journey.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAt, DateTimeKind.Utc)),
            $"stage-{progress.Version:D5}",
            AuditEventTypes.StageChanged,
            detail is null ? change : $"{change} ({detail})",
            cancellationToken);
        metrics.StageReached(progress, previous);
        return true;
    }
}
