using Azure;
using Azure.Data.Tables;

namespace Onboarding.Application.Storage;

/// <summary>The keys and concurrency fields every table row has.</summary>
public abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
