using Onboarding.Application.Journeys;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>What the journey reports after each stage change: its progress, and what happened.</summary>
public sealed record ProgressReport(string JourneyId, JourneyProgress Progress, string? Detail = null);

/// <summary>
/// Activity: brings the operators' projection up to date with a stage change, appends the change
/// to the audit trail and counts it in the metrics. Idempotent: the projection ignores versions it
/// has, the audit entry is keyed by the version.
/// </summary>
public sealed class RecordProgress(JourneyRecords journeys, JourneyIndex index, AuditTrail audit, JourneyMetrics metrics)
{
    public async Task<bool> RunAsync(ProgressReport report, CancellationToken cancellationToken = default)
    {
        if (await journeys.FindAsync(report.JourneyId, cancellationToken) is not { } journey)
        {
            return false; // erased
        }

        JourneyProgress progress = report.Progress;
        JourneyStage? previous = await index.RecordAsync(JourneyStatusView.From(journey, progress), progress.Version, cancellationToken);
        if (previous == progress.Stage)
        {
            return false; // recorded before
        }

        string change = previous is { } from ? $"{from.ToWireName()} → {progress.Stage.ToWireName()}" : progress.Stage.ToWireName();
        await audit.AppendAsync(
            report.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAt, DateTimeKind.Utc)),
            $"stage-{progress.Version:D5}",
            AuditEventTypes.StageChanged,
            report.Detail is null ? change : $"{change} ({report.Detail})",
            cancellationToken);
        metrics.StageReached(progress, previous);
        return true;
    }
}
