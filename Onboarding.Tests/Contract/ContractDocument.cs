using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The repository's <c>openapi.yaml</c>, read with Microsoft.OpenApi and its YAML reader, and the
/// few questions the contract tests ask of it that the object model leaves to its user
/// (a schema's members across <c>allOf</c>, whether it admits null, its enum as strings).
/// </summary>
public static class ContractDocument
{
    public static string FilePath => RepositoryRoot.File("openapi.yaml");

    /// <summary>Reads the file on disk; fails on any error or warning of the reader (its validation rules included).</summary>
    public static OpenApiDocument Load()
    {
        ReadResult result = Read(File.ReadAllText(FilePath));
        string[] problems = Problems(result).ToArray();
        Assert.True(problems.Length == 0, "openapi.yaml does not read cleanly:\n" + string.Join("\n", problems));
        return result.Document!;
    }

    public static ReadResult Read(string yaml)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        return OpenApiDocument.Parse(yaml, OpenApiConstants.Yaml, settings);
    }

    /// <summary>The reader's errors and warnings, each with where it is.</summary>
    public static IEnumerable<string> Problems(ReadResult result) =>
        (result.Diagnostic?.Errors ?? []).Select(error => $"error {error.Pointer}: {error.Message}")
            .Concat((result.Diagnostic?.Warnings ?? []).Select(warning => $"warning {warning.Pointer}: {warning.Message}"))
            .Concat(result.Document is null ? ["no document"] : []);

    /// <summary>Every operation: its method, its path as written, its path item and itself.</summary>
    public static IReadOnlyList<Operation> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(operation =>
            new Operation(operation.Key.Method.ToUpperInvariant(), path.Key, path.Value, operation.Value))).ToArray();

    /// <summary>A component schema by name.</summary>
    public static IOpenApiSchema Schema(OpenApiDocument document, string name) =>
        document.Components?.Schemas?.TryGetValue(name, out IOpenApiSchema? schema) == true ? schema : throw new InvalidOperationException($"openapi.yaml has no schema '{name}'.");

    /// <summary>The schema's properties with those of every <c>allOf</c> branch (a JourneyStatus extended, say), in the document's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, IOpenApiSchema>> Properties(IOpenApiSchema schema) =>
        (schema.AllOf ?? []).SelectMany(Properties).Concat(schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToArray();

    /// <summary>The required members of the schema and of every <c>allOf</c> branch.</summary>
    public static IReadOnlySet<string> Required(IOpenApiSchema schema) =>
        (schema.AllOf ?? []).SelectMany(Required).Concat(schema.Required ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the schema admits null: a 3.1 type list with "null", or a <c>oneOf</c>/<c>anyOf</c> branch that does.</summary>
    public static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)
            || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(AllowsNull);

    /// <summary>The first type of the schema that is not "null", as the document writes it ("string", "integer", ...).</summary>
    public static string? TypeName(IOpenApiSchema? schema) =>
        schema?.Type is { } type
            ? Enum.GetValues<JsonSchemaType>().Where(flag => flag != JsonSchemaType.Null && type.HasFlag(flag)).Select(flag => flag.ToString().ToLowerInvariant()).FirstOrDefault()
            : null;

    /// <summary>The schema's enum values as text; a null value as null.</summary>
    public static IReadOnlyList<string?> EnumValues(IOpenApiSchema? schema) => (schema?.Enum ?? []).Select(Text).ToArray();

    /// <summary>A JSON value of the document as text: a string as itself, null (the reader's sentinel for it) as null, anything else as its JSON.</summary>
    public static string? Text(JsonNode? value) =>
        value is null || value.IsJsonNullSentinel() || value.GetValueKind() == JsonValueKind.Null ? null
            : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
            : value.ToJsonString();

    /// <summary>Every <c>$ref</c> of the document, with whether it resolves within the document.</summary>
    public static IReadOnlyList<(string Reference, bool Resolves)> References(OpenApiDocument document)
    {
        var collector = new ReferenceCollector();
        new OpenApiWalker(collector).Walk(document);
        return collector.Found;
    }

    public sealed record Operation(string Method, string Path, IOpenApiPathItem PathItem, OpenApiOperation Node)
    {
        public string? OperationId => Node.OperationId;

        public HttpRoute Route => HttpRoute.Of(Method, Path);

        public override string ToString() => $"{Method} {Path} ({OperationId ?? "no operationId"})";
    }

    sealed class ReferenceCollector : OpenApiVisitorBase
    {
        public List<(string Reference, bool Resolves)> Found { get; } = [];

        public override void Visit(IOpenApiReferenceHolder referenceHolder)
        {
            // Every reference type is a BaseOpenApiReferenceHolder<T, V, U> with a Reference and the Target it resolves to (null if none).
            Type type = referenceHolder.GetType();
            var reference = (BaseOpenApiReference?)type.GetProperty("Reference")?.GetValue(referenceHolder);
            Found.Add((reference?.ReferenceV3 ?? type.Name, type.GetProperty("Target")?.GetValue(referenceHolder) is not null));
        }
    }
}
