using Onboarding.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Tests.Contract;

/// <summary>The repository's <c>openapi.yaml</c>, read with YamlDotNet's representation model.</summary>
public sealed class OpenApiDocument
{
    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    OpenApiDocument(string text, YamlMappingNode root)
    {
        Text = text;
        Root = root;
    }

    public static string FilePath => RepositoryRoot.File("openapi.yaml");

    public string Text { get; }

    public YamlMappingNode Root { get; }

    /// <summary>Parses the file on disk; throws on YAML errors (including duplicate keys).</summary>
    public static OpenApiDocument Load() => Parse(File.ReadAllText(FilePath));

    public static OpenApiDocument Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.True(stream.Documents.Count == 1, "openapi.yaml must hold exactly one YAML document.");
        YamlMappingNode root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
        return new OpenApiDocument(text, root);
    }

    /// <summary>Every operation: its method, its path as written, and its node.</summary>
    public IReadOnlyList<Operation> Operations()
    {
        var operations = new List<Operation>();
        YamlMappingNode paths = Map(Root, "paths") ?? throw new InvalidOperationException("openapi.yaml has no paths.");
        foreach ((YamlNode key, YamlNode value) in paths.Children)
        {
            string path = ((YamlScalarNode)key).Value!;
            foreach ((YamlNode methodKey, YamlNode operation) in ((YamlMappingNode)value).Children)
            {
                string method = ((YamlScalarNode)methodKey).Value!;
                if (HttpMethods.Contains(method, StringComparer.Ordinal))
                {
                    operations.Add(new Operation(method.ToUpperInvariant(), path, (YamlMappingNode)operation));
                }
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c>s within the document until a node without one.</summary>
    public YamlMappingNode Resolve(YamlMappingNode node)
    {
        for (int depth = 0; Scalar(node, "$ref") is { } reference; depth++)
        {
            if (depth > 16)
            {
                throw new InvalidOperationException($"$ref cycle at {reference}.");
            }

            node = Assert.IsType<YamlMappingNode>(Find(reference) ?? throw new InvalidOperationException($"$ref '{reference}' does not resolve."));
        }

        return node;
    }

    /// <summary>The node a local reference (<c>#/components/schemas/Problem</c>) points to, or null.</summary>
    public YamlNode? Find(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        YamlNode current = Root;
        foreach (string raw in reference[2..].Split('/'))
        {
            string segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(segment), out YamlNode? next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>A component schema by name.</summary>
    public YamlMappingNode Schema(string name) =>
        Map(Map(Map(Root, "components"), "schemas"), name) ?? throw new InvalidOperationException($"openapi.yaml has no schema '{name}'.");

    /// <summary>Every <c>$ref</c> value anywhere in the document.</summary>
    public IEnumerable<string> References() => ReferencesUnder(Root);

    static IEnumerable<string> ReferencesUnder(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach ((YamlNode key, YamlNode value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "$ref" } && value is YamlScalarNode { Value: { } reference })
                    {
                        yield return reference;
                    }
                    else
                    {
                        foreach (string inner in ReferencesUnder(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (string inner in sequence.Children.SelectMany(ReferencesUnder))
                {
                    yield return inner;
                }

                break;
        }
    }

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    public static YamlMappingNode? Map(YamlNode? node, string key) => Child(node, key) as YamlMappingNode;

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Keys(YamlMappingNode? node) =>
        node?.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToArray() ?? [];

    /// <summary>The scalar items of a sequence (a block or a flow sequence), or a single scalar as one item.</summary>
    public static IReadOnlyList<string?> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(item => (item as YamlScalarNode)?.Value).ToArray(),
        YamlScalarNode scalar => [scalar.Value],
        _ => [],
    };

    public sealed record Operation(string Method, string Path, YamlMappingNode Node)
    {
        public string? OperationId => Scalar(Node, "operationId");

        public HttpRoute Route => HttpRoute.Of(Method, Path);

        public override string ToString() => $"{Method} {Path} ({OperationId ?? "no operationId"})";
    }
}
