using System.Globalization;
using System.Text.RegularExpressions;

namespace Onboarding.Bench.Load;

/// <summary>One storage request Azurite served: when, which service, which table/queue/container, which operation.</summary>
public sealed record StorageRequest(DateTime At, string Service, string Resource, string Operation);

/// <summary>
/// Reads Azurite's <c>--debug</c> log: each request logs a
/// <c>{Blob|Queue|Table}StorageContextMiddleware: RequestMethod=...</c> line, then lines naming
/// its table/queue/container and its <c>DispatchMiddleware: Operation=...</c>, all carrying
/// the request's id. One request (a table batch included) counts once.
/// </summary>
public static partial class StorageRequestLog
{
    public static IReadOnlyList<StorageRequest> Read(string debugLog)
    {
        var open = new Dictionary<string, (DateTime At, string Service, string? Resource, string? Operation)>(StringComparer.Ordinal);
        var order = new List<string>();
        using var stream = new FileStream(debugLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            Match start = RequestLine().Match(line);
            if (start.Success)
            {
                string id = start.Groups["id"].Value;
                if (!open.ContainsKey(id))
                {
                    DateTime at = DateTime.Parse(start.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    open[id] = (at, start.Groups["service"].Value.ToLowerInvariant(), null, null);
                    order.Add(id);
                }

                continue;
            }

            Match resource = ResourceLine().Match(line);
            if (resource.Success && open.TryGetValue(resource.Groups["id"].Value, out var request) && request.Resource is null)
            {
                string name = resource.Groups["name"].Value;
                open[resource.Groups["id"].Value] = request with { Resource = name is "undefined" or "" ? null : name };
                continue;
            }

            Match operation = OperationLine().Match(line);
            if (operation.Success && open.TryGetValue(operation.Groups["id"].Value, out request) && request.Operation is null)
            {
                open[operation.Groups["id"].Value] = request with { Operation = operation.Groups["operation"].Value };
            }
        }

        return order.Select(id => open[id]).Select(r => new StorageRequest(r.At, r.Service, r.Resource ?? "(account)", r.Operation ?? "(unknown)")).ToArray();
    }

    [GeneratedRegex(@"^(?<at>\S+Z) (?<id>[0-9a-f\-]{36}) \w+: (?<service>Blob|Queue|Table)StorageContextMiddleware: RequestMethod=")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^\S+ (?<id>[0-9a-f\-]{36}) \w+: \w+StorageContextMiddleware: Account=\S+ (?:tableName|Queue|Container)=(?<name>\S*)", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"^\S+ (?<id>[0-9a-f\-]{36}) \w+: DispatchMiddleware: Operation=(?<operation>\S+)")]
    private static partial Regex OperationLine();
}
