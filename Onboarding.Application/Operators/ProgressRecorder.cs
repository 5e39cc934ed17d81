using Onboarding.Application.Contract;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>
/// Records a stage change the journey reported: brings the operators' projection up to it (unless
/// a newer status is there already), appends it to the audit trail and counts it. The audit entry's
/// key is the status version, so a report run again adds nothing and is not counted twice; a late
/// report still gets its entry, in time order.
/// </summary>
public sealed class ProgressRecorder(JourneyIndex index, AuditTrail audit, JourneyMetrics metrics)
{
    /// <summary>Records the stage change a step carries, if it carries one (steps that change no stage carry none).</summary>
    public Task RecordIfAnyAsync(JourneyRecord journey, ProgressReport? report, CancellationToken cancellationToken) =>
        report is null ? Task.CompletedTask : RecordAsync(journey, report, cancellationToken);

    /// <summary>True when this call recorded the stage change (false: an earlier run did).</summary>
    public async Task<bool> RecordAsync(JourneyRecord journey, ProgressReport report, CancellationToken cancellationToken)
    {
        JourneyProgress progress = report.Progress;
        await index.RecordAsync(JourneyStatusView.From(journey, progress), progress.Version, cancellationToken);
        string change = report.Previous is { } from ? $"{from.ToWireName()} → {progress.Stage.ToWireName()}" : progress.Stage.ToWireName();
        bool appended = await audit.AppendAsync(
            journey.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAt, DateTimeKind.Utc)),
            $"stage-{progress.Version:D5}",
            AuditEventTypes.StageChanged,
            report.Detail is null ? change : $"{change} ({report.Detail})",
            cancellationToken);
        if (appended)
        {
            metrics.StageReached(progress, report.Previous);
        }

        return appended;
    }
}
