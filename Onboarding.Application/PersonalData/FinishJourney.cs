using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Activity, when a journey ends as <c>expired</c> or <c>cancelled</c>: records the end for
/// operators, tells the user, and deletes the journey's personal data at once (<see cref="JourneyForgetter"/>),
/// which also lets go of the unverified account and the e-mail address. Every part is idempotent, and
/// the notice goes out only while the row still holds the data it is sent with, so a re-run after a
/// crash half-way finishes the job without telling the user twice.
/// </summary>
public sealed class FinishJourney(JourneyRecords journeys, ProgressRecorder recorder, NotifyUser notify, JourneyForgetter forgetter)
{
    public async Task<bool> RunAsync(JourneyEnd end, CancellationToken cancellationToken = default)
    {
        string journeyId = end.Record.JourneyId;
        if (await journeys.FindAsync(journeyId, cancellationToken) is not { } journey)
        {
            return false; // erased: nothing to record, nobody to tell
        }

        await recorder.RecordAsync(journey, end.Record, cancellationToken);
        if (journey.PersonalDataRemovedAt is null)
        {
            string key = end.Notice == NoticeKind.Expired ? "expired" : "cancelled";
            await notify.RunAsync(new Notice(journeyId, end.Notice, key, Reason: end.Reason), cancellationToken);
        }

        await forgetter.ForgetAsync(journey, cancellationToken);
        return true;
    }
}
