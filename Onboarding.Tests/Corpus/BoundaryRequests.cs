using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Tests.Contract;

namespace Onboarding.Tests.Corpus;

/// <summary>A request made from a schema's boundaries: which operation, which value where, and the request.</summary>
public sealed record BoundaryRequest(string OperationId, string Path, string Method, string Name, RawRequest Request);

/// <summary>
/// Requests at and across the boundaries of every request schema of <c>openapi.yaml</c>: for each
/// body property, query and header parameter, values read off its schema's keywords (the example,
/// lengths at and past <c>maxLength</c>/<c>minLength</c>/<c>x-maxTextElements</c>, every kind of
/// enum member and near-miss, formats' edge cases, item counts and items of arrays, integer bounds,
/// null and wrong types), the rest of the request as the document's example. Aimed at a journey that
/// has ended, so that a valid input is refused by its stage (409) and changes nothing.
/// </summary>
public static class BoundaryRequests
{
    static readonly string[] DateTimes =
    [
        "2001-01-01T00:00:00Z", "2000-12-31T23:59:59Z", "2199-12-31T23:59:59Z", "2200-01-01T00:00:00Z",
        "2026-11-25T10:00:00+08:00", "2026-11-25T10:00:00.1234567Z", "2026-11-25T10:00:00.12345678Z", "2026-11-25t10:00:00z",
        "2026-11-25T10:00Z", "2026-11-25 10:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T10:00:00",
        "Jan 1 2026", "1/2/2026", "12:00", "2026-11-25",
    ];

    static readonly string[] Dates = ["1990-01-31", "1990-02-30", "1990-1-31", "19900131", "2999-01-01", "1890-01-01", "1990-01-31T00:00:00Z"];

    static readonly JsonNode?[] AmountItems =
    [
        "0.01", "0.99", "1.00", "0.00", "0.001", ".5", "0.5", " 0.5", "0.50", "00.50", "0,50",
        0.01m, 0.99m, 1, 0, 0.001m, 0.370m, -0.37m,
    ];

    public static IReadOnlyList<BoundaryRequest> For(ContractSchemas schemas, KnownJourney ended, string operatorKey)
    {
        var requests = new List<BoundaryRequest>();
        foreach ((string path, JsonNode? item) in (JsonObject)schemas.Document["paths"]!)
        {
            foreach ((string method, JsonNode? node) in (JsonObject)item!)
            {
                if (method == "parameters" || node is not JsonObject operation || operation["responses"]?["200"]?["content"] is JsonObject content
                    && content.Any(type => type.Key is "text/html" or "application/yaml" or "text/javascript"))
                {
                    continue; // pages ignore what they do not know
                }

                new OperationBoundaries(schemas, path, method, operation, ended, operatorKey, requests).Generate();
            }
        }

        return requests;
    }

    sealed class OperationBoundaries(
        ContractSchemas schemas, string path, string method, JsonObject operation, KnownJourney ended, string operatorKey, List<BoundaryRequest> requests)
    {
        readonly (JsonObject Node, string Pointer)[] parameters =
            DocumentVerdict.Parameters(schemas, path, null).Concat(DocumentVerdict.Parameters(schemas, path, method)).ToArray();

        string OperationId => operation["operationId"]!.GetValue<string>();

        JsonNode? BodySchema => schemas.Resolve(ContractSchemas.Pointer("paths", path, method, "requestBody", "content", "application/json", "schema"));

        public void Generate()
        {
            if (parameters.All(parameter => parameter.Node["in"]!.GetValue<string>() == "path") && BodySchema is null)
            {
                return; // nothing but the journey: no boundary to try (and erasing the ended journey would end the run)
            }

            Add("example", ExampleQuery(), [], ExampleBody());
            foreach ((JsonObject parameter, _) in parameters)
            {
                string name = parameter["name"]!.GetValue<string>();
                string where = parameter["in"]!.GetValue<string>();
                foreach ((string label, JsonNode? value) in Values(parameter["schema"], Example(parameter)))
                {
                    string text = value is JsonValue scalar && scalar.TryGetValue(out string? s) ? s : value?.ToJsonString() ?? "";
                    if (where == "query")
                    {
                        Dictionary<string, string> query = ExampleQuery();
                        query[name] = text;
                        Add($"query {name}: {label}", query, [], ExampleBody());
                    }
                    else if (where == "header" && text.All(c => c is >= ' ' and <= '~'))
                    {
                        Add($"header {name}: {label}", ExampleQuery(), [new(name, text)], ExampleBody());
                    }
                }
            }

            if (BodySchema is not { } body || ExampleBody() is not JsonObject example)
            {
                return;
            }

            foreach (JsonObject layer in schemas.Layers(body))
            {
                foreach ((string name, JsonNode? property) in layer["properties"] as JsonObject ?? [])
                {
                    var absent = (JsonObject)example.DeepClone();
                    absent.Remove(name);
                    Add($"body {name}: absent", ExampleQuery(), [], absent);
                    foreach ((string label, JsonNode? value) in Values(property, example[name]))
                    {
                        var changed = (JsonObject)example.DeepClone();
                        changed[name] = value?.DeepClone();
                        Add($"body {name}: {label}", ExampleQuery(), [], changed);
                    }
                }
            }
        }

        void Add(string name, Dictionary<string, string> query, KeyValuePair<string, string>[] headers, JsonNode? body)
        {
            string target = path.Replace("{journeyId}", ended.Id, StringComparison.Ordinal)
                + (query.Count == 0 ? "" : "?" + string.Join('&', query.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value))));
            var all = new List<KeyValuePair<string, string>>(headers);
            string? scheme = (operation["security"] as JsonArray)?.OfType<JsonObject>().SelectMany(requirement => requirement.Select(pair => pair.Key)).FirstOrDefault();
            if (scheme == "journeyToken")
            {
                all.Add(new("Authorization", "Bearer " + ended.Token));
            }
            else if (scheme == "functionsKey")
            {
                all.Add(new("x-functions-key", operatorKey));
            }

            byte[]? bytes = null;
            if (body is not null)
            {
                all.Add(new("Content-Type", "application/json"));
                bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            }

            requests.Add(new BoundaryRequest(OperationId, path, method.ToUpperInvariant(), name,
                new RawRequest(method.ToUpperInvariant(), target) { Headers = all, Body = bytes }));
        }

        Dictionary<string, string> ExampleQuery()
        {
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((JsonObject parameter, _) in parameters.Where(parameter => parameter.Node["in"]!.GetValue<string>() == "query"))
            {
                if (Example(parameter) is JsonValue example)
                {
                    query[parameter["name"]!.GetValue<string>()] = example.ToString();
                }
            }

            return query;
        }

        JsonNode? Example(JsonObject parameter) =>
            parameter["example"] ?? schemas.Keyword(parameter["schema"], "example") ?? (schemas.Keyword(parameter["schema"], "examples") as JsonArray)?.FirstOrDefault();

        JsonNode? ExampleBody() => BodySchema is { } body ? (schemas.Keyword(body, "examples") as JsonArray)?.FirstOrDefault()?.DeepClone() : null;

        /// <summary>Values read off a schema's keywords, each with what it tries.</summary>
        IEnumerable<(string Label, JsonNode? Value)> Values(JsonNode? schema, JsonNode? example)
        {
            string types = schemas.Keyword(schema, "type")?.ToJsonString() ?? "";
            yield return ("null", null);
            if (!types.Contains("\"string\"", StringComparison.Ordinal))
            {
                yield return ("a string", "text");
            }
            else
            {
                yield return ("a number", 1);
            }

            if (types.Contains("\"array\"", StringComparison.Ordinal))
            {
                foreach ((string label, JsonNode? value) in Arrays(schema, example as JsonArray))
                {
                    yield return (label, value);
                }

                yield break;
            }

            if (types.Contains("\"integer\"", StringComparison.Ordinal))
            {
                int? minimum = ContractSchemas.Integer(schemas.Keyword(schema, "minimum"));
                int? maximum = ContractSchemas.Integer(schemas.Keyword(schema, "maximum"));
                foreach (int value in new[] { minimum - 1, minimum, maximum, maximum + 1, 0, -1 }.OfType<int>().Distinct())
                {
                    yield return ($"integer {value}", value);
                }

                yield break;
            }

            if (schemas.Keyword(schema, "enum") is JsonArray members)
            {
                foreach (string member in members.OfType<JsonValue>().Select(member => member.ToString()).Take(3).Concat(members.OfType<JsonValue>().TakeLast(1).Select(member => member.ToString())).Distinct())
                {
                    yield return ($"enum {member}", member);
                    yield return ($"enum {member} lower case", member.ToLowerInvariant());
                    yield return ($"enum {member} upper case", member.ToUpperInvariant());
                    yield return ($"enum {member} and a space", member + " ");
                    yield return ($"enum {member} and a letter", member + "x");
                }
            }

            string seed = example is JsonValue text && text.TryGetValue(out string? given) ? given : "ab";
            yield return ("the example", seed);
            yield return ("empty", "");
            yield return ("example and a space", seed + " ");
            yield return ("a space and the example", " " + seed);
            yield return ("example in upper case", seed.ToUpperInvariant());
            yield return ("example in lower case", seed.ToLowerInvariant());
            yield return ("example and a letter", seed + "x");
            yield return ("example and a digit", seed + "1");
            yield return ("example and a full stop", seed + ".");
            if (seed.Length > 1)
            {
                yield return ("example less its last character", seed[..^1]);
            }

            if (ContractSchemas.Integer(schemas.Keyword(schema, "maxLength")) is { } maxLength)
            {
                yield return ($"{maxLength} characters", Repeat(seed, maxLength));
                yield return ($"{maxLength + 1} characters", Repeat(seed, maxLength + 1));
                yield return ($"{maxLength} emoji", string.Concat(Enumerable.Repeat("😀", maxLength)));
            }

            if (ContractSchemas.Integer(schemas.Keyword(schema, "minLength")) is > 0 and var minLength)
            {
                yield return ($"{minLength - 1} characters", Repeat(seed, minLength - 1));
            }

            if (ContractSchemas.Integer(schemas.Keyword(schema, "x-maxTextElements")) is { } most)
            {
                foreach (int count in new[] { most, most + 1 })
                {
                    yield return ($"{count} accented letters of two code points", string.Concat(Enumerable.Repeat("e\u0301", count)));
                    yield return ($"{count} characters", Repeat(seed, count));
                }

                yield return ($"{most} emoji", string.Concat(Enumerable.Repeat("😀", most)));
            }

            string? format = schemas.Keyword(schema, "format")?.GetValue<string>();
            foreach (string value in format == "date-time" ? DateTimes : format == "date" ? Dates : [])
            {
                yield return ($"{format} {value}", value);
            }
        }

        IEnumerable<(string Label, JsonNode? Value)> Arrays(JsonNode? schema, JsonArray? example)
        {
            JsonNode? first = example?.FirstOrDefault() ?? "x";
            int minItems = ContractSchemas.Integer(schemas.Keyword(schema, "minItems")) ?? 0;
            int maxItems = ContractSchemas.Integer(schemas.Keyword(schema, "maxItems")) ?? 3;
            foreach (int count in new[] { 0, minItems - 1, minItems, 2, maxItems, maxItems + 1 }.Where(count => count >= 0).Distinct())
            {
                yield return ($"{count} items", new JsonArray(Enumerable.Range(0, count).Select(_ => first?.DeepClone()).ToArray()));
            }

            foreach (JsonNode? item in AmountItems)
            {
                var items = (JsonArray)(example?.DeepClone() ?? new JsonArray(first?.DeepClone()));
                items[0] = item?.DeepClone();
                yield return ($"first item {item?.ToJsonString() ?? "null"}", items);
            }
        }

        /// <summary><paramref name="count"/> code points taken from <paramref name="seed"/> round and round.</summary>
        static string Repeat(string seed, int count)
        {
            int[] points = seed.Length == 0 ? ['a'] : seed.EnumerateRunes().Select(rune => rune.Value).ToArray();
            var text = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                text.Append(char.ConvertFromUtf32(points[i % points.Length]));
            }

            return text.ToString();
        }
    }
}
