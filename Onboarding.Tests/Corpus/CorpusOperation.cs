using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Tests.Contract;
using Microsoft.OpenApi;

namespace Onboarding.Tests.Corpus;

/// <summary>How an operation is authorised, from its <c>security</c> in <c>openapi.yaml</c>.</summary>
public enum Credential
{
    None,
    JourneyToken,
    FunctionsKey,
}

/// <summary>A query or header parameter of an operation.</summary>
public sealed record CorpusParameter(string Name, string In, bool Required, string? Type, string? Format, IReadOnlyList<string> Enum, string? Example);

/// <summary>A property of a JSON request body.</summary>
public sealed record CorpusField(string Name, string Type, bool Required, IReadOnlyList<string> Enum, string? Format);

/// <summary>
/// What the corpus needs to know of one operation of <c>openapi.yaml</c>: its route, how it is
/// authorised, its parameters, its request body's media types and fields, and which media types
/// each of its answers may have. Read at test time, so routes added later are covered.
/// </summary>
public sealed class CorpusOperation
{
    public required string OperationId { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required Credential Credential { get; init; }
    public required IReadOnlyList<CorpusParameter> Parameters { get; init; }

    /// <summary>Media types of the request body (empty: the operation takes no body).</summary>
    public required IReadOnlyList<string> BodyMediaTypes { get; init; }

    /// <summary>The fields of the JSON request body, in the document's order.</summary>
    public required IReadOnlyList<CorpusField> Fields { get; init; }

    /// <summary>A valid JSON body: the schema's first example, or one made from its required fields.</summary>
    public required JsonObject? ExampleBody { get; init; }

    /// <summary>Declared answers: status ("404", "4XX", "default") to media types.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Responses { get; init; }

    /// <summary>Every method the operation's path declares.</summary>
    public required IReadOnlyList<string> PathMethods { get; init; }

    public bool HasJourneyId => Path.Contains("{journeyId}", StringComparison.Ordinal);

    public bool TakesJson => BodyMediaTypes.Contains("application/json", StringComparer.OrdinalIgnoreCase);

    public bool TakesForm => BodyMediaTypes.Contains("application/x-www-form-urlencoded", StringComparer.OrdinalIgnoreCase);

    public bool ChangesState => Method is not ("GET" or "HEAD" or "OPTIONS");

    public IEnumerable<CorpusParameter> Query => Parameters.Where(parameter => parameter.In == "query");

    public IEnumerable<CorpusParameter> HeaderParameters => Parameters.Where(parameter => parameter.In == "header");

    /// <summary>The media types declared for an answer with this status (exact, then <c>4XX</c>, then <c>default</c>).</summary>
    public IReadOnlyList<string>? MediaTypesFor(int status)
    {
        string exact = status.ToString(CultureInfo.InvariantCulture);
        string range = $"{status / 100}XX";
        foreach (string key in new[] { exact, range, "default" })
        {
            if (Responses.TryGetValue(key, out IReadOnlyList<string>? types))
            {
                return types;
            }
        }

        return null;
    }

    public override string ToString() => $"{Method} {Path} ({OperationId})";

    public static IReadOnlyList<CorpusOperation> Load() => From(ContractDocument.Load());

    public static IReadOnlyList<CorpusOperation> From(OpenApiDocument document)
    {
        var operations = new List<CorpusOperation>();
        foreach (ContractDocument.Operation operation in ContractDocument.Operations(document))
        {
            string[] pathMethods = (operation.PathItem.Operations?.Keys.ToArray() ?? []).Select(method => method.Method.ToUpperInvariant()).ToArray();
            var parameters = new List<CorpusParameter>();
            foreach (IOpenApiParameter parameter in (operation.PathItem.Parameters ?? []).Concat(operation.Node.Parameters ?? []))
            {
                parameters.Add(new CorpusParameter(
                    parameter.Name!,
                    parameter.In?.ToString().ToLowerInvariant()!,
                    parameter.Required,
                    ContractDocument.TypeName(parameter.Schema),
                    parameter.Schema?.Format,
                    EnumOf(parameter.Schema),
                    ContractDocument.Text(parameter.Example ?? parameter.Schema?.Examples?.FirstOrDefault())));
            }

            IDictionary<string, IOpenApiMediaType> content = operation.Node.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>();
            string[] bodyTypes = content.Keys.ToArray();
            (IReadOnlyList<CorpusField> fields, JsonObject? example) = BodyOf(content.TryGetValue("application/json", out IOpenApiMediaType? json) ? json.Schema : null);

            var responses = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach ((string status, IOpenApiResponse response) in operation.Node.Responses ?? [])
            {
                responses[status] = response.Content?.Keys.ToArray() ?? [];
            }

            operations.Add(new CorpusOperation
            {
                OperationId = operation.OperationId ?? $"{operation.Method} {operation.Path}",
                Method = operation.Method,
                Path = operation.Path,
                Credential = CredentialOf(operation.Node.Security ?? document.Security),
                Parameters = parameters,
                BodyMediaTypes = bodyTypes,
                Fields = fields,
                ExampleBody = example,
                Responses = responses,
                PathMethods = pathMethods,
            });
        }

        return operations;
    }

    static Credential CredentialOf(IEnumerable<OpenApiSecurityRequirement>? security)
    {
        foreach (string scheme in Contract.OpenApiDocumentTests.SchemesOf(security))
        {
            if (scheme == "journeyToken")
            {
                return Credential.JourneyToken;
            }

            if (scheme == "functionsKey")
            {
                return Credential.FunctionsKey;
            }
        }

        return Credential.None;
    }

    static IReadOnlyList<string> EnumOf(IOpenApiSchema? schema) => ContractDocument.EnumValues(schema).OfType<string>().ToArray();

    static (IReadOnlyList<CorpusField>, JsonObject?) BodyOf(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return ([], null);
        }

        var required = (schema.Required ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal);
        var fields = new List<CorpusField>();
        foreach ((string name, IOpenApiSchema property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            fields.Add(new CorpusField(name, ContractDocument.TypeName(property) ?? "string", required.Contains(name), EnumOf(property), property.Format));
        }

        JsonObject example;
        if (schema.Examples?.FirstOrDefault() is JsonObject given)
        {
            example = new JsonObject();
            foreach ((string name, JsonNode? value) in given)
            {
                // A field typed string stays a string, even where the YAML wrote it unquoted.
                bool isString = (fields.FirstOrDefault(field => field.Name == name)?.Type ?? "string") == "string";
                example[name] = ContractDocument.Text(value) is null ? null
                    : isString && value is JsonValue ? JsonValue.Create(ContractDocument.Text(value))
                    : value!.DeepClone();
            }
        }
        else
        {
            example = new JsonObject();
            foreach (CorpusField field in fields.Where(field => field.Required))
            {
                example[field.Name] = field.Type switch
                {
                    "array" => new JsonArray("x"),
                    "integer" or "number" => 1,
                    "boolean" => true,
                    "object" => new JsonObject(),
                    _ => field.Enum.Count > 0 ? field.Enum[0] : field.Format == "date" ? "1990-01-31" : "corpus",
                };
            }
        }

        return (fields, example);
    }
}
