using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Onboarding.Application.Http;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>The shape of <c>openapi.yaml</c> itself, and that both hosts serve this very file.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class OpenApiDocumentTests
{
    /// <summary>Error answers that are HTML pages for a browser, not problem+json: the e-mail link's page.</summary>
    static readonly HashSet<(string OperationId, string Status)> HtmlErrorPages = [("ShowEmailConfirmation", "404")];

    readonly OpenApiDocument document = ContractDocument.Load();

    [Fact]
    public void Load_RepositoryFile_IsOpenApi3WithInfoServerAndPaths()
    {
        OpenApiSpecVersion? version = ContractDocument.Read(File.ReadAllText(ContractDocument.FilePath)).Diagnostic?.SpecificationVersion;
        Assert.True(version is OpenApiSpecVersion.OpenApi3_0 or OpenApiSpecVersion.OpenApi3_1, $"openapi must be 3.0.x or 3.1.x, not '{version}'.");
        Assert.False(string.IsNullOrWhiteSpace(document.Info.Title));
        Assert.False(string.IsNullOrWhiteSpace(document.Info.Version));
        Assert.Contains("http://127.0.0.1:7071", document.Servers?.Select(server => server.Url) ?? []);
        Assert.NotEmpty(ContractDocument.Operations(document));
    }

    /// <summary>The reader reports what the hand-written checks looked for (and more): <see cref="ContractDocument.Load"/> fails on any of it.</summary>
    [Theory]
    [InlineData("'#/components/schemas/JourneyPage'", "'#/components/schemas/NoSuchSchema'", "does not point to an existing schema")]
    [InlineData("  /api/ops/funnel:", "  /api/health:", "duplicate key")]
    [InlineData("      operationId: Funnel\n", "      operationId: Funnel\n      nonsense: 1\n", "nonsense is not a valid property")]
    public void Read_DocumentWithAMistake_TheReaderReportsIt(string correct, string mistake, string report)
    {
        string text = File.ReadAllText(ContractDocument.FilePath);
        Assert.Contains(correct, text, StringComparison.Ordinal);

        ReadResult result = ContractDocument.Read(text.Replace(correct, mistake, StringComparison.Ordinal));

        Assert.Contains(ContractDocument.Problems(result), problem => problem.Contains(report, StringComparison.Ordinal));
    }

    [Fact]
    public void References_Every_ResolvesWithinTheDocument()
    {
        IReadOnlyList<(string Reference, bool Resolves)> references = ContractDocument.References(document);
        string[] broken = references.Where(reference => !reference.Resolves).Select(reference => reference.Reference).Distinct().ToArray();

        Assert.Contains(references, reference => reference.Reference == "#/components/schemas/Problem");
        Assert.True(broken.Length == 0, "Unresolved $ref: " + string.Join(", ", broken));
    }

    [Fact]
    public void Operations_Every_HasAUniqueOperationIdAndResponses()
    {
        var failures = new List<string>();
        foreach (ContractDocument.Operation operation in ContractDocument.Operations(document))
        {
            if (string.IsNullOrWhiteSpace(operation.OperationId))
            {
                failures.Add($"{operation}: no operationId");
            }

            if (operation.Node.Responses is not { Count: > 0 })
            {
                failures.Add($"{operation}: no responses");
            }
        }

        failures.AddRange(ContractDocument.Operations(document)
            .GroupBy(operation => operation.OperationId)
            .Where(group => group.Key is not null && group.Count() > 1)
            .Select(group => $"operationId '{group.Key}' is used {group.Count()} times"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Responses_Every4xx_IsProblemJson()
    {
        var failures = new List<string>();
        foreach (ContractDocument.Operation operation in ContractDocument.Operations(document))
        {
            foreach ((string status, IOpenApiResponse response) in operation.Node.Responses ?? [])
            {
                if (!status.StartsWith('4'))
                {
                    continue;
                }

                IDictionary<string, IOpenApiMediaType> content = response.Content ?? new Dictionary<string, IOpenApiMediaType>();
                if (!content.TryGetValue("application/problem+json", out IOpenApiMediaType? problem))
                {
                    if (!(HtmlErrorPages.Contains((operation.OperationId ?? "", status)) && content.ContainsKey("text/html")))
                    {
                        failures.Add($"{operation} {status}: no application/problem+json content");
                    }

                    continue;
                }

                if (problem.Schema is not OpenApiSchemaReference { Reference.Id: "Problem" })
                {
                    failures.Add($"{operation} {status}: application/problem+json does not refer to #/components/schemas/Problem");
                }

                if (status == "429" && response.Headers?.ContainsKey("Retry-After") != true)
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
        foreach (ContractDocument.Operation operation in ContractDocument.Operations(document).Where(operation => operation.Path.StartsWith("/api/journeys/{journeyId}", StringComparison.Ordinal)))
        {
            string[] statuses = operation.Node.Responses?.Keys.ToArray() ?? [];
            // The link's own token authorises these: the e-mail confirmation and the way back a message carries.
            bool byEmailToken = operation.Path.EndsWith("/email-confirmation", StringComparison.Ordinal) || operation.Path.EndsWith("/resume", StringComparison.Ordinal);
            if (!statuses.Contains("404"))
            {
                failures.Add($"{operation}: no 404");
            }

            string[] schemes = SchemesOf(operation.Node.Security);
            if (byEmailToken)
            {
                if (schemes.Length > 0)
                {
                    failures.Add($"{operation}: authorised by the link's token, so it must declare 'security: []'");
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
        IOpenApiSecurityScheme? scheme = document.Components?.SecuritySchemes?.TryGetValue("journeyToken", out IOpenApiSecurityScheme? found) == true ? found : null;

        Assert.NotNull(scheme);
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
    }

    [Fact]
    public void OpenApiYaml_EmbeddedResource_EqualsTheRepositoryFile()
    {
        Assert.Equal(File.ReadAllText(ContractDocument.FilePath), SystemEndpoints.OpenApiYaml);
    }

    /// <summary>The names of the security schemes a requirement list asks for.</summary>
    public static string[] SchemesOf(IEnumerable<OpenApiSecurityRequirement>? security) =>
        (security ?? []).SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference.Id ?? "").ToArray();
}
