using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// Activity: records a stage change for operators (projection, audit trail, metrics). Idempotent:
/// the projection ignores versions it has, the audit entry is keyed by the version.
/// </summary>
public sealed class RecordProgress(JourneyRecords journeys, ProgressRecorder recorder)
{
    public async Task<bool> RunAsync(ProgressReport report, CancellationToken cancellationToken = default) =>
        await journeys.FindAsync(report.JourneyId, cancellationToken) is { } journey // null once erased
        && await recorder.RecordAsync(journey, report, cancellationToken);
}
