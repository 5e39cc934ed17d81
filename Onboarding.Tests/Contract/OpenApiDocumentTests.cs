using Onboarding.Application.Http;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Tests.Contract;

/// <summary>The shape of <c>openapi.yaml</c> itself, and that both hosts serve this very file.</summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Error answers that are HTML pages for a browser, not problem+json: the e-mail link's page.</summary>
    static readonly HashSet<(string OperationId, string Status)> HtmlErrorPages = [("ShowEmailConfirmation", "404")];

    readonly OpenApiDocument document = OpenApiDocument.Load();

    [Fact]
    public void Load_RepositoryFile_IsOpenApi3WithInfoServerAndPaths()
    {
        string? version = OpenApiDocument.Scalar(document.Root, "openapi");
        Assert.True(version is not null && (version.StartsWith("3.0.", StringComparison.Ordinal) || version.StartsWith("3.1.", StringComparison.Ordinal)),
            $"openapi must be 3.0.x or 3.1.x, not '{version}'.");
        Assert.False(string.IsNullOrWhiteSpace(OpenApiDocument.Scalar(OpenApiDocument.Child(document.Root, "info"), "title")));
        Assert.False(string.IsNullOrWhiteSpace(OpenApiDocument.Scalar(OpenApiDocument.Child(document.Root, "info"), "version")));
        Assert.Contains("http://127.0.0.1:7071",
            (OpenApiDocument.Child(document.Root, "servers") as YamlSequenceNode)?.Children.Select(server => OpenApiDocument.Scalar(server, "url")) ?? []);
        Assert.NotEmpty(document.Operations());
    }

    [Fact]
    public void References_Every_ResolvesWithinTheDocument()
    {
        string[] broken = document.References().Distinct().Where(reference => document.Find(reference) is null).ToArray();

        Assert.True(broken.Length == 0, "Unresolved $ref: " + string.Join(", ", broken));
    }

    [Fact]
    public void Operations_Every_HasAUniqueOperationIdAndResponses()
    {
        var failures = new List<string>();
        foreach (OpenApiDocument.Operation operation in document.Operations())
        {
            if (string.IsNullOrWhiteSpace(operation.OperationId))
            {
                failures.Add($"{operation}: no operationId");
            }

            if (OpenApiDocument.Map(operation.Node, "responses") is not { Children.Count: > 0 })
            {
                failures.Add($"{operation}: no responses");
            }
        }

        failures.AddRange(document.Operations()
            .GroupBy(operation => operation.OperationId)
            .Where(group => group.Key is not null && group.Count() > 1)
            .Select(group => $"operationId '{group.Key}' is used {group.Count()} times"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Responses_Every4xx_IsProblemJson()
    {
        var failures = new List<string>();
        foreach (OpenApiDocument.Operation operation in document.Operations())
        {
            foreach ((string status, YamlMappingNode response) in Responses(operation).Where(pair => pair.Status.StartsWith('4')))
            {
                YamlMappingNode? content = OpenApiDocument.Map(response, "content");
                YamlMappingNode? problem = OpenApiDocument.Map(content, "application/problem+json");
                if (problem is null)
                {
                    if (!(HtmlErrorPages.Contains((operation.OperationId ?? "", status)) && OpenApiDocument.Map(content, "text/html") is not null))
                    {
                        failures.Add($"{operation} {status}: no application/problem+json content");
                    }

                    continue;
                }

                if (OpenApiDocument.Scalar(OpenApiDocument.Child(problem, "schema"), "$ref") != "#/components/schemas/Problem")
                {
                    failures.Add($"{operation} {status}: application/problem+json does not refer to #/components/schemas/Problem");
                }

                if (status == "429" && OpenApiDocument.Child(OpenApiDocument.Map(response, "headers"), "Retry-After") is null)
                {
                    failures.Add($"{operation} 429: no Retry-After header");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Responses_JourneyRoutes_DeclareAuthAndNotFound()
    {
        var failures = new List<string>();
        foreach (OpenApiDocument.Operation operation in document.Operations().Where(operation => operation.Path.StartsWith("/api/journeys/{journeyId}", StringComparison.Ordinal)))
        {
            string[] statuses = Responses(operation).Select(pair => pair.Status).ToArray();
            bool byEmailToken = operation.Path.EndsWith("/email-confirmation", StringComparison.Ordinal);
            if (!statuses.Contains("404"))
            {
                failures.Add($"{operation}: no 404");
            }

            string[] schemes = (OpenApiDocument.Child(operation.Node, "security") as YamlSequenceNode)?.Children
                .OfType<YamlMappingNode>().SelectMany(OpenApiDocument.Keys).ToArray() ?? [];
            if (byEmailToken)
            {
                if (schemes.Length > 0)
                {
                    failures.Add($"{operation}: authorised by the e-mail token, so it must declare 'security: []'");
                }
            }
            else
            {
                if (!schemes.Contains("journeyToken"))
                {
                    failures.Add($"{operation}: does not require the journeyToken scheme");
                }

                if (!statuses.Contains("401"))
                {
                    failures.Add($"{operation}: no 401 missing-token");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void SecuritySchemes_JourneyToken_IsHttpBearer()
    {
        YamlMappingNode? scheme = OpenApiDocument.Map(OpenApiDocument.Map(OpenApiDocument.Map(document.Root, "components"), "securitySchemes"), "journeyToken");

        Assert.NotNull(scheme);
        Assert.Equal("http", OpenApiDocument.Scalar(scheme, "type"));
        Assert.Equal("bearer", OpenApiDocument.Scalar(scheme, "scheme"));
    }

    [Fact]
    public void OpenApiYaml_EmbeddedResource_EqualsTheRepositoryFile()
    {
        Assert.Equal(File.ReadAllText(OpenApiDocument.FilePath), SystemEndpoints.OpenApiYaml);
    }

    IEnumerable<(string Status, YamlMappingNode Response)> Responses(OpenApiDocument.Operation operation) =>
        OpenApiDocument.Map(operation.Node, "responses") is { } responses
            ? responses.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, document.Resolve((YamlMappingNode)pair.Value)))
            : [];
}
