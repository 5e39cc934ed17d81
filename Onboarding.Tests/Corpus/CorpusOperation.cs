using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Tests.Contract;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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

    /// <summary>A valid JSON body: the schema's example, or one made from its required fields.</summary>
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

    public static IReadOnlyList<CorpusOperation> Load() => From(OpenApiDocument.Load());

    public static IReadOnlyList<CorpusOperation> From(OpenApiDocument document)
    {
        YamlMappingNode paths = OpenApiDocument.Map(document.Root, "paths")!;
        var operations = new List<CorpusOperation>();
        foreach (OpenApiDocument.Operation operation in document.Operations())
        {
            YamlMappingNode pathItem = (YamlMappingNode)paths.Children[new YamlScalarNode(operation.Path)];
            string[] pathMethods = OpenApiDocument.Keys(pathItem)
                .Where(key => OpenApiDocument.HttpMethods.Contains(key, StringComparer.Ordinal))
                .Select(key => key.ToUpperInvariant())
                .ToArray();
            var parameters = new List<CorpusParameter>();
            foreach (YamlNode node in Sequence(OpenApiDocument.Child(pathItem, "parameters")).Concat(Sequence(OpenApiDocument.Child(operation.Node, "parameters"))))
            {
                YamlMappingNode parameter = document.Resolve((YamlMappingNode)node);
                YamlMappingNode? schema = OpenApiDocument.Map(parameter, "schema") is { } raw ? document.Resolve(raw) : null;
                parameters.Add(new CorpusParameter(
                    OpenApiDocument.Scalar(parameter, "name")!,
                    OpenApiDocument.Scalar(parameter, "in")!,
                    OpenApiDocument.Scalar(parameter, "required") == "true",
                    TypeOf(schema),
                    OpenApiDocument.Scalar(schema, "format"),
                    EnumOf(schema),
                    OpenApiDocument.Scalar(parameter, "example") ?? OpenApiDocument.Scalar(schema, "example")));
            }

            YamlMappingNode? content = OpenApiDocument.Map(OpenApiDocument.Map(operation.Node, "requestBody") is { } body ? document.Resolve(body) : null, "content");
            string[] bodyTypes = OpenApiDocument.Keys(content).ToArray();
            YamlMappingNode? jsonSchema = OpenApiDocument.Map(OpenApiDocument.Map(content, "application/json"), "schema") is { } rawSchema
                ? document.Resolve(rawSchema)
                : null;
            (IReadOnlyList<CorpusField> fields, JsonObject? example) = BodyOf(document, jsonSchema);

            var responses = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (OpenApiDocument.Map(operation.Node, "responses") is { } declared)
            {
                foreach ((YamlNode key, YamlNode value) in declared.Children)
                {
                    YamlMappingNode response = document.Resolve((YamlMappingNode)value);
                    responses[((YamlScalarNode)key).Value!] = OpenApiDocument.Keys(OpenApiDocument.Map(response, "content"));
                }
            }

            operations.Add(new CorpusOperation
            {
                OperationId = operation.OperationId ?? $"{operation.Method} {operation.Path}",
                Method = operation.Method,
                Path = operation.Path,
                Credential = CredentialOf(OpenApiDocument.Child(operation.Node, "security") ?? OpenApiDocument.Child(document.Root, "security")),
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

    static IEnumerable<YamlNode> Sequence(YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    static Credential CredentialOf(YamlNode? security)
    {
        IEnumerable<string> schemes = Sequence(security).OfType<YamlMappingNode>().SelectMany(OpenApiDocument.Keys);
        foreach (string scheme in schemes)
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

    static string? TypeOf(YamlMappingNode? schema) =>
        OpenApiDocument.Strings(OpenApiDocument.Child(schema, "type")).FirstOrDefault(type => type != "null");

    static IReadOnlyList<string> EnumOf(YamlMappingNode? schema) =>
        OpenApiDocument.Strings(OpenApiDocument.Child(schema, "enum")).Where(value => value is not null and not "null").Select(value => value!).ToArray();

    static (IReadOnlyList<CorpusField>, JsonObject?) BodyOf(OpenApiDocument document, YamlMappingNode? schema)
    {
        if (schema is null)
        {
            return ([], null);
        }

        var required = OpenApiDocument.Strings(OpenApiDocument.Child(schema, "required")).ToHashSet(StringComparer.Ordinal);
        var fields = new List<CorpusField>();
        foreach ((YamlNode key, YamlNode value) in OpenApiDocument.Map(schema, "properties")?.Children.AsEnumerable() ?? [])
        {
            YamlMappingNode property = document.Resolve((YamlMappingNode)value);
            string name = ((YamlScalarNode)key).Value!;
            fields.Add(new CorpusField(name, TypeOf(property) ?? "string", required.Contains(name), EnumOf(property), OpenApiDocument.Scalar(property, "format")));
        }

        JsonObject example;
        if (OpenApiDocument.Map(schema, "example") is { } given)
        {
            example = new JsonObject();
            foreach ((YamlNode key, YamlNode value) in given.Children)
            {
                string name = ((YamlScalarNode)key).Value!;
                example[name] = ToJson(value, fields.FirstOrDefault(field => field.Name == name)?.Type ?? "string");
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

    /// <summary>A YAML example value as JSON: quoted scalars and fields typed string stay strings.</summary>
    static JsonNode? ToJson(YamlNode node, string type) => node switch
    {
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(item => ToJson(item, "string")).ToArray()),
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value, "string")))),
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar => JsonValue.Create(scalar.Value),
        YamlScalarNode scalar when type == "string" => JsonValue.Create(scalar.Value),
        YamlScalarNode { Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Value: "null" or "~" } => null,
        YamlScalarNode scalar when decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
