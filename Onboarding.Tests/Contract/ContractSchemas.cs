using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace Onboarding.Tests.Contract;

/// <summary>
/// <c>openapi.yaml</c> as JSON, and the verdict of a JSON Schema validator (JsonSchema.Net, draft
/// 2020-12, formats asserted) on a value against any schema of it, addressed by JSON pointer: the
/// document itself is the schema resource, so every <c>$ref</c> resolves as the document wrote it.
/// </summary>
public sealed class ContractSchemas
{
    static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    readonly ConcurrentDictionary<string, JsonSchema> byPointer = new(StringComparer.Ordinal);
    readonly string resourceId = $"https://onboarding.contract/{Guid.NewGuid():N}/openapi.json";

    ContractSchemas(JsonObject document) => Document = document;

    /// <summary>The document, YAML read into JSON as it is.</summary>
    public JsonObject Document { get; }

    public static ContractSchemas Load() => FromYaml(File.ReadAllText(ContractDocument.FilePath));

    public static ContractSchemas FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new ContractSchemas((JsonObject)WithNulls(stream.Documents[0].ToJsonNode())!);
    }

    /// <summary>The YAML reader writes YAML's null as a sentinel string: JSON's null again.</summary>
    static JsonNode? WithNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (string name in members.Select(member => member.Key).ToArray())
                {
                    members[name] = WithNulls(members[name]?.DeepClone());
                }

                return members;
            case JsonArray items:
                return new JsonArray(items.Select(item => WithNulls(item?.DeepClone())).ToArray());
            default:
                return node is not null && node.IsJsonNullSentinel() ? null : node;
        }
    }

    /// <summary>A JSON pointer (as a URI fragment) to <paramref name="tokens"/> in the document.</summary>
    public static string Pointer(params string[] tokens) =>
        "#/" + string.Join('/', tokens.Select(token => Uri.EscapeDataString(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));

    /// <summary>The schema the validator reads at <paramref name="pointer"/>: the whole document with a <c>$ref</c> to it.</summary>
    JsonSchema SchemaAt(string pointer) => byPointer.GetOrAdd(pointer, _ =>
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = resourceId,
        };
        foreach ((string name, JsonNode? value) in Document)
        {
            root[name] = value?.DeepClone();
        }

        root["$ref"] = pointer;
        // One registry per pointer: each of these schemas is the whole document under the same $id.
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft202012, SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>The failed rules (instance location, keyword and message); empty when the value is valid.</summary>
    public IReadOnlyList<string> Errors(string pointer, JsonElement value)
    {
        EvaluationResults results;
        try
        {
            results = SchemaAt(pointer).Evaluate(value, Evaluation);
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            return ["a string with a lone surrogate: not Unicode text (RFC 7493)"];
        }
        catch (JsonException exception) when (exception.InnerException is InvalidOperationException)
        {
            return ["nested deeper than the validator writes its messages for: not of the schema's type"]; // the validator failed it, then could not quote it
        }

        if (results.IsValid)
        {
            return [];
        }

        string[] errors = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} {error.Key}: {error.Value}"))
            .Distinct()
            .ToArray();
        return errors.Length > 0 ? errors : ["(invalid)"];
    }

    public IReadOnlyList<string> Errors(string pointer, JsonNode? value)
    {
        using JsonDocument json = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        return Errors(pointer, json.RootElement.Clone());
    }

    /// <summary>The node at <paramref name="pointer"/>, following a <c>$ref</c> there.</summary>
    public JsonNode? Resolve(string pointer)
    {
        JsonNode? node = Document;
        foreach (string token in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray array && int.TryParse(name, out int index) ? array[index] : node?[name];
        }

        return node?["$ref"]?.GetValue<string>() is { } reference ? Resolve(reference) : node;
    }

    /// <summary>
    /// A schema's keywords with those of the schemas it refers to or extends (<c>$ref</c>, <c>allOf</c>):
    /// where the contract's own extensions (<c>x-maxTextElements</c>, <c>x-server-checks</c>) are read from.
    /// </summary>
    public IEnumerable<JsonObject> Layers(JsonNode? schema)
    {
        if (schema is not JsonObject layer)
        {
            yield break;
        }

        yield return layer;
        if (layer["$ref"]?.GetValue<string>() is { } reference)
        {
            foreach (JsonObject inner in Layers(Resolve(reference)))
            {
                yield return inner;
            }
        }

        foreach (JsonNode? part in layer["allOf"] as JsonArray ?? [])
        {
            foreach (JsonObject inner in Layers(part))
            {
                yield return inner;
            }
        }
    }

    /// <summary>A whole number of the document (YAML numbers are read as decimals).</summary>
    public static int? Integer(JsonNode? value) =>
        value is null ? null : (int)decimal.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first value of <paramref name="keyword"/> in the schema's layers.</summary>
    public JsonNode? Keyword(JsonNode? schema, string keyword) => Layers(schema).Select(layer => layer[keyword]).FirstOrDefault(value => value is not null);
}
