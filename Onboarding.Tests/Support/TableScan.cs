using System.Globalization;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace Onboarding.Tests.Support;

/// <summary>
/// Reads every row of a host's tables — the application's (its table prefix) and the task hub's
/// (History, Instances) — straight from Azurite, and tells where a person's values appear (ignoring
/// case), in keys or any column.
/// </summary>
public static class TableScan
{
    /// <summary>One value found: which, in which table (without the host's prefix), column and row.</summary>
    public sealed record Finding(string Value, string Table, string Column, string Row)
    {
        public override string ToString() => $"{Value} in {Table}.{Column} of {Row}";
    }

    public static async Task<IReadOnlyList<Finding>> FindAsync(LocalHostInstance host, IReadOnlyDictionary<string, string> values)
    {
        var service = new TableServiceClient(TestStorage.ConnectionString);
        var findings = new List<Finding>();
        await foreach (TableItem table in service.QueryAsync())
        {
            string? name = table.Name.StartsWith(host.TablePrefix, StringComparison.Ordinal) ? table.Name[host.TablePrefix.Length..]
                : table.Name.StartsWith(host.TaskHub, StringComparison.Ordinal) ? table.Name
                : null;
            if (name is null)
            {
                continue;
            }

            await foreach (TableEntity row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach ((string column, object value) in row)
                {
                    string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    findings.AddRange(values
                        .Where(pair => text.Contains(pair.Value, StringComparison.OrdinalIgnoreCase))
                        .Select(pair => new Finding(pair.Key, name, column, $"({row.PartitionKey}, {row.RowKey})")));
                }
            }
        }

        return findings;
    }

    /// <summary>The findings outside the development outbox, the stand-in of the person's own mailbox and phone (kept as the person's).</summary>
    public static IReadOnlyList<Finding> OutsideTheOutbox(this IReadOnlyList<Finding> findings) =>
        findings.Where(finding => finding.Table != "DevOutbox").ToArray();

    public static string Describe(this IEnumerable<Finding> findings) => string.Join("\n", findings);
}
