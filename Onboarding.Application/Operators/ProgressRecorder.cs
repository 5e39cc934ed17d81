using Onboarding.Application.Contract;
using Onboarding.Application.Events;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>
/// Records a stage change the journey reported: appends it to the journey's events (its CloudEvent,
/// numbered in the journey's sequence), brings the operators' projection up to it (unless a newer
/// status is there already), appends it to the audit trail, counts it, and publishes the event. The
/// event and the audit entry are keyed by the status version, so a report run again adds nothing, is
/// not counted twice and publishes the same event; a late report still gets its entry, in time order.
/// </summary>
public sealed class ProgressRecorder(JourneyIndex index, AuditTrail audit, JourneyMetrics metrics, JourneyEventLog events, JourneyEventDelivery delivery)
{
    /// <summary>Records the stage change a step carries, if it carries one (steps that change no stage carry none).</summary>
    public Task RecordIfAnyAsync(JourneyRecord journey, ProgressReport? report, CancellationToken cancellationToken) =>
        report is null ? Task.CompletedTask : RecordAsync(journey, report, cancellationToken);

    /// <summary>True when this call recorded the stage change (false: an earlier run did).</summary>
    public async Task<bool> RecordAsync(JourneyRecord journey, ProgressReport report, CancellationToken cancellationToken)
    {
        JourneyProgress progress = report.Progress;
        JourneyStatusView status = JourneyStatusView.From(journey, progress);
        JourneyEventLog.Appended? published = await events.AppendAsync(JourneyEventDraft.StageChanged(status, report.Previous, progress), cancellationToken);
        await index.RecordAsync(status, progress.Version, cancellationToken);
        string change = report.Previous is { } from ? $"{from.ToWireName()} → {progress.Stage.ToWireName()}" : progress.Stage.ToWireName();
        string[] notes = [.. new[] { report.Detail, published is { Event: var e } ? $"event {e.Sequence}: {JourneyEventTypes.ShortName(e.Type)}" : null }.OfType<string>()];
        bool appended = await audit.AppendAsync(
            journey.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAt, DateTimeKind.Utc)),
            $"stage-{progress.Version:D5}",
            AuditEventTypes.StageChanged,
            notes.Length == 0 ? change : $"{change} ({string.Join("; ", notes)})",
            cancellationToken);
        if (appended)
        {
            metrics.StageReached(progress, report.Previous);
        }

        if (published is not null)
        {
            await delivery.DeliverAsync(published, cancellationToken);
        }

        return appended;
    }
}
