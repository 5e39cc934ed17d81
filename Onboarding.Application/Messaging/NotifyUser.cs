using Onboarding.Application.Inputs;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Messaging;

/// <summary>
/// Activity: tells the user what happened to their journey, in their language, once per notice key,
/// and records the stage change the notice is about, if it is about one.
/// </summary>
public sealed class NotifyUser(JourneyRecords journeys, JourneyInputStore inputs, UserMessenger messenger, ProgressRecorder recorder)
{
    /// <summary>
    /// The reason the retention sweeper gives when it ends a journey that was idle too long: the user
    /// gets the inactivity text instead of an operator's reason.
    /// </summary>
    public const string InactivityReason = "retention:inactive";

    /// <param name="paidAccount">For the deposits-sent notice, the account number the deposits went to (its last digits are shown).</param>
    public async Task<bool> RunAsync(Notice notice, CancellationToken cancellationToken = default, string? paidAccount = null)
    {
        if (await journeys.FindAsync(notice.JourneyId, cancellationToken) is not { ErasingSince: null, Email.Length: > 0 } journey)
        {
            return false; // erased (or being erased), or its personal data removed: nobody to tell
        }

        await recorder.RecordIfAnyAsync(journey, notice.Record, cancellationToken); // the stage is published already: recorded even while the mail fails
        if (journey.OwnerToldAt is not null)
        {
            return true; // the address is someone else's, who was told why at the link step: nothing more of this journey goes to them
        }

        LanguagePack t = MessageCatalog.For(journey.Language);
        string deadline = notice.Deadline is { } due ? MessageCatalog.Time(due) : "";
        if (notice.Kind == NoticeKind.DepositsSent && paidAccount is null)
        {
            // Version 1 tells the user in a step of its own: the newest cycle's bank details are the ones it paid.
            paidAccount = (await inputs.BankOrRowAsync(journey, journeys, cycle: null, cancellationToken))?.AccountNumber.Digits;
        }

        string last4 = paidAccount is { Length: >= 4 } account ? account[^4..] : "";
        (string subject, string text, string? sms) = notice.Kind switch
        {
            NoticeKind.Terminated when notice.Reason == InactivityReason => (
                t.InactiveEndedSubject,
                MessageCatalog.Format(t.InactiveEndedText, MessageCatalog.Time((journey.InactiveSince ?? journey.CreatedAt).UtcDateTime)),
                null),
            NoticeKind.Expired => (t.ExpiredSubject, t.ExpiredText, null),
            NoticeKind.Cancelled => (t.CancelledSubject, t.CancelledText, null),
            NoticeKind.Terminated => (t.CancelledSubject, MessageCatalog.Format(t.TerminatedText, notice.Reason ?? ""), null),
            NoticeKind.DepositsSent => (
                t.DepositsSentSubject,
                MessageCatalog.Format(t.DepositsSentText, MessageCatalog.Count(t.Deposits, notice.Number ?? 1), last4, deadline),
                MessageCatalog.Format(t.DepositsSentSms, MessageCatalog.Count(t.Deposits, notice.Number ?? 1), last4, deadline)),
            NoticeKind.DepositReminder => (
                t.DepositReminderSubject,
                MessageCatalog.Format(t.DepositReminderText, deadline),
                MessageCatalog.Format(t.DepositReminderText, deadline)),
            NoticeKind.CycleFailed => (t.CycleFailedSubject, MessageCatalog.Format(t.CycleFailedText, notice.Number ?? 0), null),
            NoticeKind.CycleExpired => (t.CycleExpiredSubject, MessageCatalog.Format(t.CycleExpiredText, notice.Number ?? 0), null),
            NoticeKind.Locked => (t.LockedSubject, t.LockedText, null),
            NoticeKind.Unlocked => (t.UnlockedSubject, t.UnlockedText, null),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "Unknown notice."),
        };

        await messenger.NoticeByEmailAsync(journey, notice.Key + "-email", subject, text, cancellationToken);
        if (sms is not null)
        {
            await messenger.NoticeBySmsAsync(journey, notice.Key + "-sms", sms, cancellationToken);
        }

        return true;
    }
}
