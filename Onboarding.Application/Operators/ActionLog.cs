using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// The record of what operators (and erasures) did to journeys, which outlives the journeys: append
/// only (rows are added, never changed; whole months go when <c>Retention:ActionLog</c> has passed),
/// with no personal data — the action, who took it, when, and the journey as a hash of its id, which
/// names nothing once the journey is erased and which an operator who knows the id can still look up.
/// A journey's own audit trail shows the same actions while the journey exists, and goes with it.
/// </summary>
public sealed class ActionLog(OnboardingTables tables, TimeProvider time)
{
    public const string Terminated = "terminated";
    public const string Unlocked = "unlocked";
    public const string Erased = "erased";

    /// <summary>How many entries one listing returns at most.</summary>
    public const int MaxListed = 1000;

    /// <summary>How the log names a journey: the first 16 hex digits of the SHA-256 of its id.</summary>
    public static string JourneyReference(string journeyId) => JourneySecrets.HashToken(journeyId)[..16];

    public async Task AppendAsync(string action, string by, string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ActionLog);
        DateTimeOffset at = time.GetUtcNow();
        await table.AddEntityAsync(new ActionLogEntry
        {
            PartitionKey = MonthOf(at),
            RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            At = at,
            Action = action,
            By = by,
            Journey = JourneyReference(journeyId),
        }, cancellationToken);
    }

    /// <summary>The entries from <paramref name="from"/> to <paramref name="to"/>, newest first, of one journey when <paramref name="journeyId"/> is given.</summary>
    public async Task<IReadOnlyList<ActionLogView>> ListAsync(DateTimeOffset from, DateTimeOffset to, string? journeyId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ActionLog);
        string? reference = journeyId is null ? null : JourneyReference(journeyId);
        var entries = new List<ActionLogView>();
        for (DateTimeOffset month = new(to.Year, to.Month, 1, 0, 0, 0, TimeSpan.Zero); month >= new DateTimeOffset(from.Year, from.Month, 1, 0, 0, 0, TimeSpan.Zero); month = month.AddMonths(-1))
        {
            string filter = reference is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {MonthOf(month)} and At ge {from} and At le {to}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {MonthOf(month)} and At ge {from} and At le {to} and Journey eq {reference}");
            await foreach (ActionLogEntry entry in table.QueryAsync<ActionLogEntry>(filter, cancellationToken: cancellationToken))
            {
                entries.Add(new ActionLogView(entry.At.UtcDateTime, entry.Action, entry.By, entry.Journey));
                if (entries.Count == MaxListed)
                {
                    return entries;
                }
            }
        }

        return entries;
    }

    /// <summary>Deletes the months that ended before <paramref name="before"/>; returns how many entries went.</summary>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ActionLog);
        int deleted = 0;
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey lt {MonthOf(before)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
            deleted++;
        }

        return deleted;
    }

    static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
