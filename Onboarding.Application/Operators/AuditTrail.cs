using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>Appends to and reads a journey's audit trail (one partition per journey, rows in time order).</summary>
public sealed class AuditTrail(OnboardingTables tables)
{
    /// <summary>
    /// Appends an entry once: <paramref name="at"/> and <paramref name="key"/> must be the same when
    /// the writer runs again (an orchestration time, a delivery's first attempt), and then nothing is added.
    /// True when this call added the entry.
    /// </summary>
    public async Task<bool> AppendAsync(string journeyId, DateTimeOffset at, string key, string type, string detail, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.AuditEvents);
        var entry = new AuditEvent
        {
            PartitionKey = journeyId,
            RowKey = $"{at.UtcTicks:D19}-{key}",
            At = at,
            Type = type,
            Detail = detail,
        };
        try
        {
            await table.AddEntityAsync(entry, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            return false; // written by an earlier run of the same step
        }
    }

    /// <summary>Deletes the journey's trail (its retention ended).</summary>
    public async Task DeleteAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.AuditEvents);
        await table.DeletePartitionAsync(journeyId, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEventView>> ListAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.AuditEvents);
        var events = new List<AuditEventView>();
        await foreach (AuditEvent entry in table.QueryAsync<AuditEvent>(TableClient.CreateQueryFilter($"PartitionKey eq {journeyId}"), cancellationToken: cancellationToken))
        {
            events.Add(new AuditEventView(entry.At.UtcDateTime, entry.Type, entry.Detail));
        }

        return events;
    }
}
