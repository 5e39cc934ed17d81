using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Retention;

/// <summary>
/// Ends journeys left in <c>registered</c> or <c>locked</c> — the stages with no deadline — once they
/// have not changed for <c>Retention:InactiveJourney</c>. <c>Retention:InactiveJourneyNotice</c> before,
/// the user is told by e-mail, with the date (once per idle spell: a change starts a new one); the end is
/// never sooner than that after the e-mail, however late the sweep came. The end is a cancellation by
/// an operator, so the journey ends as every cancelled journey does (its personal data deleted at once)
/// and tells the user why in the inactivity text (<see cref="NotifyUser.InactivityReason"/>).
/// </summary>
public sealed class InactiveJourneySweep(
    JourneyRecords records,
    UserMessenger messenger,
    JourneyInputs inputs,
    AuditTrail audit,
    IOptions<RetentionOptions> options,
    TimeProvider time)
{
    public const string Noticed = "inactivity_noticed";
    public const string Ended = "inactive_journey_ended";

    public async Task RunAsync(DurableTaskClient durable, SweepLease.Held lease, SweepReport report, CancellationToken cancellationToken)
    {
        RetentionOptions retention = options.Value;
        TimeSpan noticeAfter = retention.InactiveJourney - retention.InactiveJourneyNotice;

        // A journey's (latest generation's) creation is never after its last change: older ones only.
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running],
            CreatedTo = (time.GetUtcNow() - noticeAfter).UtcDateTime,
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        await foreach (OrchestrationMetadata instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            await lease.RenewIfDueAsync(cancellationToken);
            if (!JourneySecrets.IsJourneyId(instance.InstanceId)
                || JourneyProgressReader.Parse(instance.SerializedCustomStatus)?.Progress is not { } progress
                || !progress.Stage.HasNoDeadline())
            {
                continue;
            }

            var since = new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAt, DateTimeKind.Utc));
            if (time.GetUtcNow() < since + noticeAfter)
            {
                continue;
            }

            await report.GuardAsync("inactive journey", instance.InstanceId, () => SweepAsync(durable, instance.InstanceId, progress, since, report, cancellationToken));
        }
    }

    async Task SweepAsync(DurableTaskClient durable, string journeyId, JourneyProgress progress, DateTimeOffset since, SweepReport report, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(journeyId, cancellationToken) is not { ErasingSince: null, Email.Length: > 0 } row)
        {
            return; // being erased, or nobody to tell
        }

        if (row.InactiveSince != since || row.InactiveEndsAt is null)
        {
            // This idle spell's end date, told once: saved before the e-mail, so every later sweep tells the same date.
            DateTimeOffset endsAt = Max(since + options.Value.InactiveJourney, time.GetUtcNow() + options.Value.InactiveJourneyNotice);
            if (!await records.TrySaveInactivityNoticeAsync(row, since, endsAt, cancellationToken))
            {
                return; // the row changed meanwhile: the next sweep sees it as it is
            }

            row.InactiveSince = since;
            row.InactiveEndsAt = endsAt;
        }

        DateTimeOffset ends = row.InactiveEndsAt.Value;
        await TellAsync(row, since, ends, report, cancellationToken);
        if (time.GetUtcNow() < ends)
        {
            return;
        }

        await audit.AppendAsync(journeyId, ends, "ended-inactive", AuditEventTypes.EndedInactive,
            $"ended by the retention sweep: no change since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC", cancellationToken);
        (_, bool applied) = await inputs.RaiseAndWaitAsync(durable, row, progress, new JourneyCancelled(ByOperator: true, NotifyUser.InactivityReason), cancellationToken);
        if (applied)
        {
            report.Count(Ended);
        }
    }

    /// <summary>The notice, once per idle spell (a re-run finds it sent); the end waits until it went out.</summary>
    async Task TellAsync(JourneyRecord row, DateTimeOffset since, DateTimeOffset endsAt, SweepReport report, CancellationToken cancellationToken)
    {
        LanguagePack texts = MessageCatalog.For(row.Language);
        string text = MessageCatalog.Format(texts.InactivityNoticeText, MessageCatalog.Time(since.UtcDateTime), MessageCatalog.Time(endsAt.UtcDateTime));
        await messenger.NoticeByEmailAsync(row, $"inactivity-{since.UtcTicks}", texts.InactivityNoticeSubject, text, cancellationToken);
        DateTimeOffset noticedAt = endsAt - options.Value.InactiveJourneyNotice;
        if (await audit.AppendAsync(row.JourneyId, noticedAt, $"inactivity-{since.UtcTicks}", AuditEventTypes.InactivityNoticed,
            $"no change since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC: the user was told the journey ends on {endsAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", cancellationToken))
        {
            report.Count(Noticed);
        }
    }

    static DateTimeOffset Max(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;
}
