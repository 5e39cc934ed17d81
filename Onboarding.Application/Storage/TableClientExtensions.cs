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
