using Azure;
using Azure.Data.Tables;

namespace Onboarding.Application.Storage;

public static class TableClientExtensions
{
    /// <summary>The row with these keys, or null.</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        NullableResponse<T> row = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Deletes every row of a partition (rows already gone are fine).</summary>
    public static Task DeletePartitionAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken = default) =>
        table.DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);

    /// <summary>Deletes every row the filter selects (rows already gone are fine).</summary>
    public static async Task DeleteWhereAsync(this TableClient table, string filter, CancellationToken cancellationToken = default)
    {
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).IgnoreNotFound();
        }
    }
}

public static class TableResponseExtensions
{
    /// <summary>A delete of a row that is already gone is done.</summary>
    public static async Task IgnoreNotFound(this Task<Azure.Response> delete)
    {
        try
        {
            await delete;
        }
        catch (Azure.RequestFailedException exception) when (TableErrors.IsNotFound(exception))
        {
            // already gone
        }
    }
}
