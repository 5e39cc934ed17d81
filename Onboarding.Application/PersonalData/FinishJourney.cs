using Onboarding.Application.Contract;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
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
        await journeys.SetEndingAsync(journeyId, EndingOf(end), cancellationToken);
        if (journey.PersonalDataRemovedAt is null)
        {
            string key = end.Notice == NoticeKind.Expired ? "expired" : "cancelled";
            await notify.RunAsync(new Notice(journeyId, end.Notice, key, Reason: end.Reason), cancellationToken);
        }

        await forgetter.ForgetAsync(journey, cancellationToken);
        return true;
    }

    /// <summary>How the end screen tells it: a window passed (in which stage), the user, an operator (and why), or inactivity.</summary>
    static JourneyEnding EndingOf(JourneyEnd end) => end.Notice switch
    {
        NoticeKind.Expired => new JourneyEnding(JourneyEnding.Deadline, end.Record.Previous?.ToWireName(), null),
        NoticeKind.Terminated when end.Reason == NotifyUser.InactivityReason => new JourneyEnding(JourneyEnding.Inactivity, end.Record.Previous?.ToWireName(), null),
        NoticeKind.Terminated => new JourneyEnding(JourneyEnding.Operator, end.Record.Previous?.ToWireName(), end.Reason),
        _ => new JourneyEnding(JourneyEnding.User, end.Record.Previous?.ToWireName(), null),
    };
}
