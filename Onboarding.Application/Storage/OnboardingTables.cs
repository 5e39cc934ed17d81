using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Onboarding.Application.Storage;

/// <summary>The application's tables, each created on first use.</summary>
public sealed class OnboardingTables(TableServiceClient service, string prefix)
{
    public const string Journeys = "Journeys";
    public const string EmailClaims = "EmailClaims";
    public const string Accounts = "Accounts";
    public const string Deliveries = "Deliveries";
    public const string IdempotencyKeys = "IdempotencyKeys";
    public const string DevOutbox = "DevOutbox";

    readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    /// <summary>The table's name in the account, with the configured prefix.</summary>
    public string NameOf(string table) => prefix + table;

    public Task<TableClient> GetAsync(string table) =>
        tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name))).Value;

    async Task<TableClient> CreateAsync(string table)
    {
        TableClient client = service.GetTableClient(NameOf(table));
        try
        {
            await client.CreateIfNotExistsAsync();
        }
        catch (RequestFailedException)
        {
            tables.TryRemove(table, out _); // let the next call try again
            throw;
        }

        return client;
    }

    /// <summary>True when storage answers; used by the health route.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }

            return true;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            return false;
        }
    }
}
