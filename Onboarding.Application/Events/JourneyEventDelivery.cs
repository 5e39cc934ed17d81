using Microsoft.Extensions.Logging;

namespace Onboarding.Application.Events;

/// <summary>
/// Publishes a journey's events in <c>sequence</c> order: always from the first one the topic has not
/// accepted, through the newest, as one batch — so an event goes out only with or after every
/// event before it. The step that recorded an event tries at once; what it could not publish waits
/// on the relay's list, which <see cref="RelayAsync"/> works off (a hosted service on the local host,
/// a timer trigger on Azure). A journey's user never waits for the topic beyond one try, and never
/// when publishing pauses after a failure.
/// </summary>
public sealed partial class JourneyEventDelivery(JourneyEventLog log, JourneyEventPublisher publisher, ILogger<JourneyEventDelivery> logger)
{
    /// <summary>The relay's timer on Azure (NCRONTAB): every minute. An idle pass is one query of an empty partition.</summary>
    public const string RelaySchedule = "0 * * * * *";

    /// <summary>Right after a step appended <paramref name="appended"/>: publishes what is pending (usually just it).</summary>
    public async Task DeliverAsync(JourneyEventLog.Appended appended, CancellationToken cancellationToken)
    {
        string journeyId = appended.Event.JourneyId;
        if (publisher.Paused)
        {
            await log.MarkPendingAsync(journeyId, cancellationToken);
            return;
        }

        // The common case costs no read: the head the append wrote says nothing earlier is pending.
        JourneyEventHead? head = appended.Head;
        bool onlyThis = head is not null && head.Delivered == appended.Event.Sequence - 1 && head.Last == appended.Event.Sequence;
        if (await PublishPendingAsync(journeyId, onlyThis ? head : null, onlyThis ? [appended.Event] : null, cancellationToken) != PublishOutcome.Published)
        {
            await log.MarkPendingAsync(journeyId, cancellationToken);
        }
    }

    /// <summary>Publishes whatever of the journey's events is pending (the erase, after it appended <c>erased</c>).</summary>
    public async Task DeliverAsync(string journeyId, CancellationToken cancellationToken)
    {
        if (publisher.Paused || await PublishPendingAsync(journeyId, null, null, cancellationToken) != PublishOutcome.Published)
        {
            await log.MarkPendingAsync(journeyId, cancellationToken);
        }
    }

    /// <summary>
    /// One pass over the relay's list: each journey's pending events, in order. Stops when the topic
    /// is unavailable (the next pass tries again); a journey whose events the topic refuses stays on
    /// the list without holding up the others. Returns how many journeys it caught up.
    /// </summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        int caughtUp = 0;
        foreach (PendingJourneyEvents pending in await log.PendingAsync(cancellationToken))
        {
            PublishOutcome outcome = await PublishPendingAsync(pending.RowKey, null, null, cancellationToken);
            if (outcome == PublishOutcome.Unavailable)
            {
                break;
            }

            if (outcome == PublishOutcome.Published)
            {
                await log.ClearPendingAsync(pending, cancellationToken);
                caughtUp++;
            }
        }

        if (caughtUp > 0)
        {
            Relayed(logger, caughtUp);
        }

        return caughtUp;
    }

    /// <summary>
    /// Publishes from the first unpublished event through the newest, batch by batch, and moves the
    /// head's mark. Published when nothing is left pending. <paramref name="events"/>, when given, are
    /// exactly the pending events of <paramref name="head"/>.
    /// </summary>
    async Task<PublishOutcome> PublishPendingAsync(string journeyId, JourneyEventHead? head, IReadOnlyList<JourneyEvent>? events, CancellationToken cancellationToken)
    {
        while (true)
        {
            head ??= await log.HeadAsync(journeyId, cancellationToken);
            if (head is null)
            {
                return PublishOutcome.Published; // no events, or purged with the journey
            }

            if (head.Delivered < head.Last)
            {
                events ??= await log.ReadAsync(journeyId, head.Delivered + 1, cancellationToken);
                if (events.Count > 0 && await publisher.PublishAsync(events, cancellationToken) is var outcome and not PublishOutcome.Published)
                {
                    return outcome;
                }

                // Events the erase removed before they went out are skipped: erased is the last word.
                int through = events.Count == JourneyEventLog.MaxRead ? events[^1].Sequence : Math.Max(head.Last, events.Count > 0 ? events[^1].Sequence : 0);
                head = await log.MarkDeliveredAsync(journeyId, through, head, cancellationToken);
                events = null;
                if (head is not null && head.Delivered < head.Last)
                {
                    head = null;
                    continue; // more than one batch, or appended meanwhile
                }
            }

            if (head?.ErasedAt is not null)
            {
                await log.ForgetErasedAsync(journeyId, cancellationToken); // erased went out: nothing of the journey's events is kept
            }

            return PublishOutcome.Published;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The relay published the pending events of {Journeys} journey(s)")]
    static partial void Relayed(ILogger logger, int journeys);
}
