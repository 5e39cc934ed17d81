using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Events;

/// <summary>
/// Each journey's events, in table <c>JourneyEvents</c> (one partition per journey): appended once each,
/// numbered 1, 2, 3… with no gap by an entity-group transaction that writes the event and moves the
/// head, and read back in that order — by the delivery, the relay and the operators' replay.
/// </summary>
public sealed class JourneyEventLog(OnboardingTables tables, TimeProvider time)
{
    /// <summary>The most events one read returns (a journey has a few dozen at most).</summary>
    public const int MaxRead = 100;

    const int MaxAppendAttempts = 10;

    /// <summary>
    /// Appends the event and returns it with its sequence; a repeat of the same step returns the event
    /// the first run appended, unchanged. Null when the journey was erased (only <c>erased</c> itself is
    /// taken then), or, for <c>erased</c>, when it was already published and removed.
    /// </summary>
    public async Task<Appended?> AppendAsync(JourneyEventDraft draft, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync();
        string rowKey = JourneyEventRow.RowPrefix + draft.Key;
        bool erasing = draft.Type == JourneyEventTypes.Erased;
        for (int attempt = 1; ; attempt++)
        {
            JourneyEventHead? head = await table.FindAsync<JourneyEventHead>(draft.JourneyId, JourneyEventHead.Row, cancellationToken);
            if (head?.ErasedAt is not null)
            {
                return erasing && await table.FindAsync<JourneyEventRow>(draft.JourneyId, rowKey, cancellationToken) is { } erased
                    ? new Appended(erased.ToEvent(), head)
                    : null;
            }

            var row = new JourneyEventRow
            {
                PartitionKey = draft.JourneyId,
                RowKey = rowKey,
                Sequence = (head?.Last ?? 0) + 1,
                EventId = draft.Id,
                Type = draft.Type,
                Time = draft.Time,
                Data = draft.Data,
                TraceParent = draft.TraceParent,
            };
            var next = new JourneyEventHead
            {
                PartitionKey = draft.JourneyId,
                RowKey = JourneyEventHead.Row,
                Last = row.Sequence,
                Delivered = head?.Delivered ?? 0,
                ErasedAt = erasing ? draft.Time : null,
            };
            try
            {
                Response<IReadOnlyList<Response>> result = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    head is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, next)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, head.ETag),
                ], cancellationToken);
                if (result.Value[1].Headers.ETag is not { } etag)
                {
                    return new Appended(row.ToEvent(), null);
                }

                next.ETag = etag;
                return new Appended(row.ToEvent(), next);
            }
            catch (TableTransactionFailedException exception) when ((TableErrors.IsConflict(exception) || TableErrors.IsPreconditionFailed(exception)) && attempt < MaxAppendAttempts)
            {
                // Appended by an earlier run of this step (or a run at the same time), or another event moved the head first.
                if (await table.FindAsync<JourneyEventRow>(draft.JourneyId, rowKey, cancellationToken) is { } first)
                {
                    return new Appended(first.ToEvent(), null);
                }
            }
        }
    }

    /// <summary>The journey's head, or null when it has had no event (or its events were purged).</summary>
    public async Task<JourneyEventHead?> HeadAsync(string journeyId, CancellationToken cancellationToken) =>
        await (await TableAsync()).FindAsync<JourneyEventHead>(journeyId, JourneyEventHead.Row, cancellationToken);

    /// <summary>The journey's events from <paramref name="fromSequence"/> on, in order, at most <see cref="MaxRead"/>.</summary>
    public async Task<IReadOnlyList<JourneyEvent>> ReadAsync(string journeyId, int fromSequence, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync();
        var events = new List<JourneyEvent>();
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {journeyId} and RowKey ge {JourneyEventRow.RowPrefix} and RowKey lt {RowPrefixEnd} and Sequence ge {fromSequence}");
        await foreach (JourneyEventRow row in table.QueryAsync<JourneyEventRow>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            events.Add(row.ToEvent());
        }

        return [.. events.OrderBy(e => e.Sequence).Take(MaxRead)];
    }

    /// <summary>
    /// Notes that every event up to <paramref name="sequence"/> was published; never moves back. Returns
    /// the head as it is now (null when the journey's events are gone).
    /// </summary>
    public async Task<JourneyEventHead?> MarkDeliveredAsync(string journeyId, int sequence, JourneyEventHead? known, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync();
        JourneyEventHead? head = known;
        for (int attempt = 1; ; attempt++)
        {
            head ??= await table.FindAsync<JourneyEventHead>(journeyId, JourneyEventHead.Row, cancellationToken);
            if (head is null || head.Delivered >= sequence)
            {
                return head;
            }

            try
            {
                var update = new TableEntity(journeyId, JourneyEventHead.Row) { [nameof(JourneyEventHead.Delivered)] = sequence };
                Response response = await table.UpdateEntityAsync(update, head.ETag, TableUpdateMode.Merge, cancellationToken);
                head.Delivered = sequence;
                head.ETag = response.Headers.ETag ?? default;
                return head;
            }
            catch (RequestFailedException exception) when ((TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception)) && attempt < MaxAppendAttempts)
            {
                head = null; // moved by an append or another delivery: read it again
            }
        }
    }

    /// <summary>Puts the journey on the relay's list (once however often).</summary>
    public async Task MarkPendingAsync(string journeyId, CancellationToken cancellationToken)
    {
        var pending = new PendingJourneyEvents { PartitionKey = PendingJourneyEvents.Partition, RowKey = journeyId, Since = time.GetUtcNow() };
        await (await TableAsync()).UpsertEntityAsync(pending, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The relay's list: journeys whose events a step could not publish.</summary>
    public async Task<IReadOnlyList<PendingJourneyEvents>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingJourneyEvents>();
        await foreach (PendingJourneyEvents row in (await TableAsync()).QueryAsync<PendingJourneyEvents>(
            TableClient.CreateQueryFilter($"PartitionKey eq {PendingJourneyEvents.Partition}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            pending.Add(row);
        }

        return pending;
    }

    /// <summary>Takes the journey off the relay's list, unless a step put it there again since <paramref name="seen"/> was read.</summary>
    public async Task ClearPendingAsync(PendingJourneyEvents seen, CancellationToken cancellationToken)
    {
        try
        {
            await (await TableAsync()).DeleteEntityAsync(PendingJourneyEvents.Partition, seen.RowKey, seen.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
        {
            // marked again (the next pass takes it), or already gone
        }
    }

    /// <summary>
    /// The erase: appends <c>erased</c> (after which the journey takes no other event) and removes every
    /// other event the journey had, published or not. <c>erased</c> itself goes once it is published.
    /// </summary>
    public async Task<Appended?> CloseAsync(string journeyId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        Appended? erased = await AppendAsync(JourneyEventDraft.Erased(journeyId, erasedAt), cancellationToken);
        await DeleteEventsAsync(journeyId, keep: JourneyEventRow.RowPrefix + "erased", cancellationToken);
        return erased;
    }

    /// <summary>Removes the events of an erased journey once all are published; the head stays as the tombstone.</summary>
    public Task ForgetErasedAsync(string journeyId, CancellationToken cancellationToken) => DeleteEventsAsync(journeyId, keep: null, cancellationToken);

    /// <summary>Everything of the journey: its events, its head, its place on the relay's list (the retention sweep, with its history).</summary>
    public async Task DeleteAsync(string journeyId, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync();
        await table.DeletePartitionAsync(journeyId, cancellationToken);
        await table.DeleteEntityAsync(PendingJourneyEvents.Partition, journeyId, ETag.All, cancellationToken).IgnoreNotFound();
    }

    async Task DeleteEventsAsync(string journeyId, string? keep, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {journeyId} and RowKey ge {JourneyEventRow.RowPrefix} and RowKey lt {RowPrefixEnd}");
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (row.RowKey != keep)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            }
        }
    }

    /// <summary>The first row key after every "e-…" key ('.' follows '-').</summary>
    const string RowPrefixEnd = "e.";

    Task<TableClient> TableAsync() => tables.GetAsync(OnboardingTables.JourneyEvents);

    /// <summary>An appended event, and the journey's head right after it (null when another run appended it: read it when needed).</summary>
    public sealed record Appended(JourneyEvent Event, JourneyEventHead? Head);
}
