using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Retention;

/// <summary>
/// Lets one retention sweep run at a time, whichever host and instance starts it: an ETag-guarded
/// row that names its holder until a time the holder keeps pushing back. A holder that dies lets it
/// lapse; another takes over then. (Every step of a sweep is idempotent as well, so a lapse that
/// lets two overlap costs work, not correctness.)
/// </summary>
public sealed class SweepLease(OnboardingTables tables, TimeProvider time)
{
    const string Partition = "sweep";

    /// <summary>How long a hold lasts unless renewed; renewed once a third of it passed.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>The lease, or null while another sweep holds it.</summary>
    public async Task<Held?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.RetentionSweeps);
        SweepLeaseRow? current = await table.FindAsync<SweepLeaseRow>(Partition, "", cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        if (current is not null && current.HeldUntil > now)
        {
            return null;
        }

        var mine = new SweepLeaseRow
        {
            PartitionKey = Partition,
            RowKey = "",
            Holder = Guid.NewGuid().ToString("N"),
            HeldUntil = now + Duration,
            LastCompletedSweepStartedAt = current?.LastCompletedSweepStartedAt,
        };
        try
        {
            Response response = current is null
                ? await table.AddEntityAsync(mine, cancellationToken)
                : await table.UpdateEntityAsync(mine, current.ETag, TableUpdateMode.Replace, cancellationToken);
            mine.ETag = response.Headers.ETag!.Value;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception) || TableErrors.IsPreconditionFailed(exception))
        {
            return null; // another sweep took it first
        }

        return new Held(table, mine, now, time);
    }

    /// <summary>A lease this sweep holds.</summary>
    public sealed class Held(TableClient table, SweepLeaseRow row, DateTimeOffset startedAt, TimeProvider time)
    {
        DateTimeOffset renewedAt = startedAt;

        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>When the last sweep that completed began (null before the first): what finished before it was looked at then.</summary>
        public DateTimeOffset? PreviousSweepStartedAt { get; } = row.LastCompletedSweepStartedAt;

        /// <summary>Pushes the hold back once a third of it passed; throws <see cref="SweepLeaseLostException"/> when another sweep took over.</summary>
        public async Task RenewIfDueAsync(CancellationToken cancellationToken)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (now - renewedAt < Duration / 3)
            {
                return;
            }

            row.HeldUntil = now + Duration;
            await SaveAsync(cancellationToken);
            renewedAt = now;
        }

        /// <summary>Lets go; <paramref name="completed"/> records this sweep's start as the last completed one's.</summary>
        public async Task ReleaseAsync(bool completed, CancellationToken cancellationToken)
        {
            row.HeldUntil = time.GetUtcNow();
            if (completed)
            {
                row.LastCompletedSweepStartedAt = StartedAt;
            }

            try
            {
                await SaveAsync(cancellationToken);
            }
            catch (SweepLeaseLostException)
            {
                // another sweep holds it now: nothing of ours to let go
            }
        }

        async Task SaveAsync(CancellationToken cancellationToken)
        {
            try
            {
                Response response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                row.ETag = response.Headers.ETag!.Value;
            }
            catch (RequestFailedException exception) when (TableErrors.IsPreconditionFailed(exception) || TableErrors.IsNotFound(exception))
            {
                throw new SweepLeaseLostException();
            }
        }
    }
}
