using Onboarding.Application.Journeys;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Activity, when a journey ends as <c>expired</c> or <c>cancelled</c>: records the end for
/// operators, tells the user, and lets go of what the unfinished registration held (the unverified
/// account, the e-mail address). Every part is idempotent, so a re-run after a crash finishes the job.
/// </summary>
public sealed class FinishJourney(JourneyRecords journeys, ProgressRecorder recorder, NotifyUser notify, ReleaseRegistration release)
{
    public async Task<bool> RunAsync(JourneyEnd end, CancellationToken cancellationToken = default)
    {
        string journeyId = end.Record.JourneyId;
        if (await journeys.FindAsync(journeyId, cancellationToken) is not { } journey)
        {
            return false; // erased: nothing to record, nobody to tell
        }

        await recorder.RecordAsync(journey, end.Record, cancellationToken);
        string key = end.Notice == NoticeKind.Expired ? "expired" : "cancelled";
        await notify.RunAsync(new Notice(journeyId, end.Notice, key, Reason: end.Reason), cancellationToken);
        await release.RunAsync(journeyId, cancellationToken);
        return true;
    }
}
