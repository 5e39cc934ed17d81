using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Onboarding.Tests.Contract;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// What <c>openapi.yaml</c> says of one request: valid, or not and why — its path, query and header
/// parameters and its body checked by the JSON Schema validator against the document's own schemas,
/// plus the conventions the document states in words (undeclared, empty or repeated query parameters;
/// duplicate JSON members; <c>x-maxTextElements</c>). Null when the document cannot judge it here: a
/// page, a route or method it does not declare, a body in another media type or with broken framing
/// (the HTTP server's or the media type's answer, which the corpus judges).
/// </summary>
public sealed record DocumentVerdict(IReadOnlyList<string> Failures, IReadOnlySet<string> ProseFields, bool OnlyPath)
{
    public bool Valid => Failures.Count == 0;

    public static DocumentVerdict? Of(ContractSchemas schemas, string path, string method, RawRequest request)
    {
        if (schemas.Document["paths"]?[path]?[method.ToLowerInvariant()] is not JsonObject operation || IsPage(operation)
            || !request.Method.Equals(method, StringComparison.Ordinal) || request.Framing != Framing.ContentLength || request.HalfClose || request.OmitHost
            || request.Headers.Any(header => header.Key.Length == 0 || (header.Key + header.Value).Any(c => char.IsControl(c) && c != '\t')))
        {
            return null; // a control character in a header: the HTTP server refuses it before the service reads it, as the document says
        }

        var failures = new List<string>();
        var pathFailures = new List<string>();
        var prose = new HashSet<string>(StringComparer.Ordinal);
        (JsonObject Node, string Pointer)[] parameters = Parameters(schemas, path, null).Concat(Parameters(schemas, path, method.ToLowerInvariant())).ToArray();

        string[] target = request.Target.Split('?', 2);
        if (PathValues(path, target[0]) is not { } values)
        {
            return null;
        }

        foreach ((JsonObject parameter, string at) in parameters)
        {
            string name = parameter["name"]!.GetValue<string>();
            string where = parameter["in"]!.GetValue<string>();
            JsonNode? schema = parameter["schema"];
            string schemaPointer = at + "/schema";
            if (schemas.Keyword(schema, "x-server-checks") is not null)
            {
                prose.Add(name);
            }

            switch (where)
            {
                case "path":
                    pathFailures.AddRange(Check(schemas, schemaPointer, name, values.GetValueOrDefault(name)));
                    break;
                case "header":
                    // A field's value is what is between its optional whitespace (RFC 9110, 5.5).
                    string[] sent = request.Headers.Where(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value.Trim(' ', '\t')).ToArray();
                    if (sent.Length > 0)
                    {
                        failures.AddRange(Check(schemas, schemaPointer, name, string.Join(", ", sent))); // one field, as HTTP joins repeated ones
                    }
                    else if (parameter["required"]?.GetValue<bool>() == true)
                    {
                        failures.Add($"header {name}: required");
                    }

                    break;
            }
        }

        failures.AddRange(QueryFailures(schemas, parameters.Where(parameter => parameter.Node["in"]!.GetValue<string>() == "query").ToArray(), target.Length > 1 ? target[1] : ""));
        if (BodyFailures(schemas, path, method, operation, request, prose) is not { } bodyFailures)
        {
            return null;
        }

        failures.AddRange(bodyFailures);
        return new DocumentVerdict([.. pathFailures, .. failures], prose, pathFailures.Count > 0 && failures.Count == 0);
    }

    /// <summary>The path's (<paramref name="method"/> null) or the operation's parameters, each with where its definition stands.</summary>
    public static IEnumerable<(JsonObject Node, string Pointer)> Parameters(ContractSchemas schemas, string path, string? method)
    {
        string[] at = method is null ? ["paths", path, "parameters"] : ["paths", path, method, "parameters"];
        JsonArray list = (method is null ? schemas.Document["paths"]![path]!["parameters"] : schemas.Document["paths"]![path]![method]!["parameters"]) as JsonArray ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            yield return list[i]!["$ref"] is { } reference
                ? ((JsonObject)schemas.Resolve(reference.GetValue<string>())!, reference.GetValue<string>())
                : ((JsonObject)list[i]!, ContractSchemas.Pointer([.. at, i.ToString(CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>Pages and files ignore what they do not know; their refusals are pages, not 400s.</summary>
    static bool IsPage(JsonObject operation) =>
        operation["responses"]?["200"]?["content"] is JsonObject content
        && content.Any(type => type.Key is "text/html" or "application/yaml" or "text/javascript");

    static Dictionary<string, string>? PathValues(string template, string path)
    {
        string[] expected = template.Split('/');
        string[] actual = path.Split('/');
        if (expected.Length != actual.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i].StartsWith('{'))
            {
                values[expected[i].Trim('{', '}')] = Uri.UnescapeDataString(actual[i]);
            }
            else if (!expected[i].Equals(actual[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return values;
    }

    static IEnumerable<string> QueryFailures(ContractSchemas schemas, (JsonObject Node, string Pointer)[] declared, string query)
    {
        Dictionary<string, StringValues> sent = QueryHelpers.ParseQuery(query);
        foreach ((string name, StringValues values) in sent)
        {
            (JsonObject? parameter, string at) = declared.FirstOrDefault(parameter => parameter.Node["name"]!.GetValue<string>() == name);
            if (parameter is null)
            {
                yield return $"query {name}: not declared";
            }
            else if (values.Count > 1)
            {
                yield return $"query {name}: given twice";
            }
            else if (string.IsNullOrEmpty(values[0]))
            {
                yield return $"query {name}: empty";
            }
            else
            {
                bool number = schemas.Keyword(parameter["schema"], "type")?.ToJsonString() is "\"integer\"" or "\"number\"";
                foreach (string failure in number && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
                    ? Check(schemas, at + "/schema", name, JsonValue.Create(value))
                    : Check(schemas, at + "/schema", name, values[0]))
                {
                    yield return failure;
                }
            }
        }

        foreach ((JsonObject parameter, _) in declared.Where(parameter => parameter.Node["required"]?.GetValue<bool>() == true))
        {
            if (!sent.ContainsKey(parameter["name"]!.GetValue<string>()))
            {
                yield return $"query {parameter["name"]}: required";
            }
        }
    }

    /// <summary>The body's failures; null when the body is not one the document can judge (another media type: the 415 is the answer).</summary>
    static List<string>? BodyFailures(ContractSchemas schemas, string path, string method, JsonObject operation, RawRequest request, HashSet<string> prose)
    {
        JsonObject? content = operation["requestBody"]?["content"] as JsonObject;
        string[] contentTypes = request.Headers.Where(header => header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToArray();
        bool hasBody = request.Body is { Length: > 0 } || contentTypes.Length > 0;
        if (content is null)
        {
            return hasBody ? null : [];
        }

        if (!hasBody)
        {
            // No body at all: the optional ones may be left out; a required one is a 415 (no media type), not the schema's business.
            return operation["requestBody"]?["required"]?.GetValue<bool>() == true ? null : [];
        }

        if (contentTypes.Length != 1 || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentTypes[0], out var mediaType)
            || (mediaType.Charset.Length > 0 && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        string type = mediaType.MediaType.ToString().ToLowerInvariant();
        if (content[type] is null)
        {
            return null;
        }

        string pointer = ContractSchemas.Pointer("paths", path, method.ToLowerInvariant(), "requestBody", "content", type, "schema");
        JsonElement body;
        if (type == "application/json")
        {
            try
            {
                string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(request.Body ?? []);
                using JsonDocument parsed = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1024, AllowDuplicateProperties = false });
                body = parsed.RootElement.Clone();
            }
            catch (Exception exception) when (exception is JsonException or DecoderFallbackException or ArgumentException)
            {
                return ["body: not JSON (or a member given twice)"];
            }
        }
        else
        {
            var form = new JsonObject();
            foreach ((string name, StringValues values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body ?? [])))
            {
                form[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());
            }

            body = JsonSerializer.SerializeToElement(form);
        }

        var failures = schemas.Errors(pointer, body).Select(error => "body " + error).ToList();
        JsonNode? schema = schemas.Resolve(pointer);
        foreach (JsonObject layer in schemas.Layers(schema))
        {
            foreach ((string name, JsonNode? property) in layer["properties"] as JsonObject ?? [])
            {
                if (schemas.Keyword(property, "x-server-checks") is not null)
                {
                    prose.Add(name);
                }

                if (failures.Count == 0 && ContractSchemas.Integer(schemas.Keyword(property, "x-maxTextElements")) is { } most
                    && body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                    && new StringInfo(value.GetString()!).LengthInTextElements > most)
                {
                    failures.Add($"body /{name} x-maxTextElements: more than {most} text elements");
                }
            }
        }

        return failures;
    }

    static IEnumerable<string> Check(ContractSchemas schemas, string pointer, string name, string? value) =>
        value is null ? [] : Check(schemas, pointer, name, JsonValue.Create(value));

    static IEnumerable<string> Check(ContractSchemas schemas, string pointer, string name, JsonNode value) =>
        schemas.Errors(pointer, value).Select(error => $"{name} {error}");
}
