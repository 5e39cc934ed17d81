using Azure.Data.Tables;
using Azure;
using Onboarding.Application.Contract;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>Keeps and queries the <see cref="JourneyIndexRow"/> projection.</summary>
public sealed class JourneyIndex(OnboardingTables tables)
{
    const string AllPartition = "all";

    /// <summary>
    /// Where earlier builds kept a second row per journey, one partition per stage: only an erase still
    /// looks there (<see cref="DeleteAsync"/>), for rows those builds left.
    /// </summary>
    static string StagePartition(JourneyStage stage) => "stage-" + stage.ToWireName();

    public static string RowKeyOf(string journeyId, DateTimeOffset createdAt) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}-{journeyId}";

    /// <summary>
    /// Records the journey's status at <paramref name="version"/>; older versions than the stored one change
    /// nothing. One row per journey (a read and a conditional write a change): a listing by stage filters it.
    /// </summary>
    public async Task RecordAsync(JourneyStatusView status, int version, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyIndex);
        string rowKey = RowKeyOf(status.JourneyId, status.CreatedAt);
        var row = new JourneyIndexRow
        {
            PartitionKey = AllPartition,
            RowKey = rowKey,
            JourneyId = status.JourneyId,
            Stage = status.Stage.ToWireName(),
            CreatedAt = status.CreatedAt,
            Version = version,
            Status = System.Text.Json.JsonSerializer.Serialize(status, ApiJson.Options),
        };

        for (int attempt = 0; ; attempt++)
        {
            JourneyIndexRow? current = await table.FindAsync<JourneyIndexRow>(AllPartition, rowKey, cancellationToken);
            if (current is not null && current.Version >= version)
            {
                return;
            }

            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException exception) when ((TableErrors.IsConflict(exception) || TableErrors.IsPreconditionFailed(exception)) && attempt < 5)
            {
                // a concurrent record: read again
            }
        }
    }

    /// <summary>One page of journeys, newest first, optionally in one stage and a creation-time range.</summary>
    public async Task<(IReadOnlyList<JourneyIndexRow> Rows, string? ContinuationToken)> ListAsync(
        JourneyStage? stage, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyIndex);
        if (continuationToken is not null && !ContinuesIn(AllPartition, continuationToken))
        {
            throw new FormatException("The continuation token is not one of this listing.");
        }

        string filter = Filter(AllPartition, createdFrom, createdTo);
        if (stage is { } only)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Stage eq {only.ToWireName()}");
        }

        AsyncPageable<JourneyIndexRow> query = table.QueryAsync<JourneyIndexRow>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken);
        await foreach (Page<JourneyIndexRow> page in query.AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Journeys created in the range, counted by stage.</summary>
    public async Task<IReadOnlyDictionary<JourneyStage, int>> CountByStageAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyIndex);
        Dictionary<JourneyStage, int> counts = JourneyStages.InJourneyOrder.ToDictionary(stage => stage, _ => 0);
        await foreach (JourneyIndexRow row in table.QueryAsync<JourneyIndexRow>(
            Filter(AllPartition, from, to), maxPerPage: 1000, select: [nameof(JourneyIndexRow.Stage)], cancellationToken: cancellationToken))
        {
            if (JourneyStages.TryParseWireName(row.Stage, out JourneyStage stage))
            {
                counts[stage]++;
            }
        }

        return counts;
    }

    /// <summary>The journeys created before <paramref name="before"/>, newest first, as their rows in partition <c>all</c> (with the time of their last change).</summary>
    public async IAsyncEnumerable<JourneyIndexRow> CreatedBeforeAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyIndex);
        string lowest = $"{DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks:D19}";
        await foreach (JourneyIndexRow row in table.QueryAsync<JourneyIndexRow>(
            TableClient.CreateQueryFilter($"PartitionKey eq {AllPartition} and RowKey ge {lowest}"),
            select: [nameof(JourneyIndexRow.PartitionKey), nameof(JourneyIndexRow.RowKey), nameof(JourneyIndexRow.Timestamp), nameof(JourneyIndexRow.JourneyId), nameof(JourneyIndexRow.CreatedAt)],
            cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    public async Task DeleteAsync(string journeyId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.JourneyIndex);
        string rowKey = RowKeyOf(journeyId, createdAt);
        foreach (JourneyStage stage in Enum.GetValues<JourneyStage>())
        {
            await table.DeleteEntityAsync(StagePartition(stage), rowKey, ETag.All, cancellationToken).IgnoreNotFound();
        }

        await table.DeleteEntityAsync(AllPartition, rowKey, ETag.All, cancellationToken).IgnoreNotFound();
    }

    /// <summary>Whether a table continuation token ("base64(next partition) base64(next row)") continues in <paramref name="partition"/>.</summary>
    static bool ContinuesIn(string partition, string token)
    {
        string[] parts = token.Split(' ');
        Span<byte> buffer = stackalloc byte[512];
        return parts.Length == 2
            && Convert.TryFromBase64String(parts[0], buffer, out int written)
            && System.Text.Encoding.UTF8.GetString(buffer[..written]) == partition
            && Convert.TryFromBase64String(parts[1], buffer, out _);
    }

    /// <summary>Newest first: later creation times have smaller row keys.</summary>
    static string Filter(string partition, DateTimeOffset? createdFrom, DateTimeOffset? createdTo)
    {
        string lowest = createdTo is { } to ? $"{DateTimeOffset.MaxValue.UtcTicks - to.UtcTicks:D19}" : "";
        string highest = createdFrom is { } from ? $"{DateTimeOffset.MaxValue.UtcTicks - from.UtcTicks:D19}-~" : "~";
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lowest} and RowKey le {highest}");
    }
}
