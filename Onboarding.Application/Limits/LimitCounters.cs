using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;
using Onboarding.Domain.Limits;

namespace Onboarding.Application.Limits;

/// <summary>
/// The counters of the limits, shared by every instance of the app: a row per counter, changed
/// only by a conditional write (ETag), so of two instances taking the last unit at once exactly
/// one succeeds and the other reads again. A refusal writes nothing.
/// </summary>
public sealed class LimitCounters(OnboardingTables tables, TimeProvider time)
{
    /// <summary>Conditional writes that lost a race before the request is refused as too busy.</summary>
    const int MaxAttempts = 25;

    /// <summary>Takes <paramref name="amount"/> from the counter of <paramref name="limit"/> for <paramref name="key"/>.</summary>
    public Task<LimitTake> TakeAsync(RateLimit limit, string key, int amount, CancellationToken cancellationToken) =>
        ChangeAsync(limit.Name, limit.Window, key, cancellationToken, (state, now) => limit.Take(SliceCounts.Parse(state), now, amount) switch
        {
            RateDecision.Taken taken => (taken.Next.ToString(), new LimitTake.Taken(limit.Name, key, limit.Window, taken.Slice, amount)),
            RateDecision.Refused refused => (null, new LimitTake.Refused(limit.Name, refused.RetryAfter)),
            _ => throw new InvalidOperationException("Unknown decision."),
        });

    /// <summary>Counts <paramref name="member"/> in the counter of <paramref name="limit"/> for <paramref name="key"/> (once, however often).</summary>
    public Task<LimitTake> TakeAsync(DistinctLimit limit, string key, string member, CancellationToken cancellationToken, string? group = null) =>
        ChangeAsync(limit.Name, limit.Window, key, cancellationToken, (state, now) => limit.Take(Members.Parse(state), now, member, group) switch
        {
            DistinctDecision.Taken taken => (taken.Changed ? taken.Next.ToString() : null, new LimitTake.Taken(limit.Name, key, limit.Window, Slice: null, 0)
            {
                Member = Members.Parse(state).Seen.ContainsKey(DistinctLimit.Counted(member, group)) ? null : DistinctLimit.Counted(member, group), // given back only if this take counted it
            }),
            DistinctDecision.Refused refused => (null, new LimitTake.Refused(refused.Limit, refused.RetryAfter)),
            _ => throw new InvalidOperationException("Unknown decision."),
        });

    /// <summary>Gives back what <paramref name="taken"/> took (a later limit or check refused the request); best effort.</summary>
    public async Task ReturnAsync(LimitTake.Taken taken, CancellationToken cancellationToken)
    {
        if (taken.Slice is { } slice)
        {
            await ChangeAsync(taken.Limit, taken.Window, taken.Key, cancellationToken, (state, _) =>
                (SliceCounts.Parse(state).Return(slice, taken.Amount).ToString(), (LimitTake)taken));
        }
        else if (taken.Member is { } member)
        {
            await ChangeAsync(taken.Limit, taken.Window, taken.Key, cancellationToken, (state, _) =>
                (Members.Parse(state).Without(member)?.ToString(), (LimitTake)taken));
        }
    }

    /// <summary>Deletes a journey's own counters (inputs, resends) when it is erased; counters across journeys stay.</summary>
    public async Task ForgetJourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Limits);
        foreach (string limit in JourneyLimits)
        {
            await table.DeletePartitionAsync($"{limit}:{journeyId}", cancellationToken);
        }
    }

    /// <summary>
    /// Deletes counters nothing has changed for longer than <paramref name="idle"/> (the longest
    /// window, so none of them still counts anything): for a periodic sweep, as counters of clients
    /// and journeys that are gone would otherwise pile up. Returns how many it deleted.
    /// </summary>
    public async Task<int> DeleteIdleAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Limits);
        DateTimeOffset before = time.GetUtcNow() - idle;
        int deleted = 0;
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Timestamp lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            deleted++;
        }

        return deleted;
    }

    /// <summary>The limits counted per journey (by its id) in storage.</summary>
    static readonly string[] JourneyLimits = [LimitNames.InputsPerJourney, LimitNames.ResendsPerJourney, LimitNames.StreamsPerJourney];

    async Task<LimitTake> ChangeAsync(string limit, TimeSpan window, string key, CancellationToken cancellationToken, Func<string?, DateTimeOffset, (string? NewState, LimitTake Take)> decide)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Limits);
        string partition = $"{limit}:{key}";
        string row = window.Ticks.ToString(CultureInfo.InvariantCulture);
        for (int attempt = 1; ; attempt++)
        {
            LimitRow? current = await table.FindAsync<LimitRow>(partition, row, cancellationToken);
            (string? state, LimitTake take) = decide(current?.State, time.GetUtcNow());
            if (state is null || state == current?.State)
            {
                return take;
            }

            try
            {
                var next = new LimitRow { PartitionKey = partition, RowKey = row, State = state };
                if (current is null)
                {
                    await table.AddEntityAsync(next, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return take;
            }
            catch (RequestFailedException exception) when (TableErrors.IsConflict(exception) || TableErrors.IsPreconditionFailed(exception))
            {
                if (attempt == MaxAttempts)
                {
                    // So many requests race for this counter that this one keeps losing: it is one too many.
                    return new LimitTake.Refused(limit, TimeSpan.FromSeconds(1));
                }

                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken); // spread the next round of the race
            }
        }
    }
}

/// <summary>What taking from a limit's counter came to.</summary>
public abstract record LimitTake
{
    /// <summary>Taken: what a later refusal gives back (the <see cref="Slice"/>'s amount, or the <see cref="Member"/> this take counted; neither: nothing).</summary>
    public sealed record Taken(string Limit, string Key, TimeSpan Window, long? Slice, int Amount) : LimitTake
    {
        public string? Member { get; init; }
    }

    /// <summary>The limit is reached; it allows more after <see cref="RetryAfter"/>.</summary>
    public sealed record Refused(string Limit, TimeSpan RetryAfter) : LimitTake;
}
