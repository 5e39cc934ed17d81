using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Application.Configuration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// docs/deploy.md's commands against the template they drive: the app registration gets the
/// identifier URI the template accepts as an audience and the app role the template names, every
/// output and parameter it uses exists, and no step needs the data plane that network isolation closes.
/// </summary>
public sealed partial class DeployDocTests(BicepTemplateFixture bicep) : IClassFixture<BicepTemplateFixture>
{
    static readonly string Doc = File.ReadAllText(RepositoryRoot.File("docs", "deploy.md"));

    /// <summary>The shell commands of the document: its fenced code blocks.</summary>
    static string Commands => string.Join("\n", CodeBlock().Matches(Doc).Select(match => match.Groups["code"].Value));

    [Fact]
    public void SignIn_IdentifierUri_IsAnAudienceTheTemplateAccepts()
    {
        // Arrange: the audiences App Service Authentication validates on the operators' app.
        string[] audiences = BicepTemplateFixture.Descendants(bicep.CompiledTemplate)
            .Where(node => node["azureActiveDirectory"] is not null)
            .SelectMany(node => node["azureActiveDirectory"]!["validation"]!["allowedAudiences"]!.AsArray())
            .Select(audience => audience!.ToString())
            .ToArray();

        // Act: the identifier URI the steps give the app registration, with $CLIENT_ID as the template's operatorClientId.
        Match set = IdentifierUri().Match(Commands);

        // Assert
        Assert.True(set.Success, "docs/deploy.md sets no identifier URI (az ad app update --identifier-uris ...)");
        string uri = set.Groups["uri"].Value.Replace("$CLIENT_ID", "{0}", StringComparison.Ordinal);
        Assert.Contains($"[format('{uri}', parameters('operatorClientId'))]", audiences);
        Assert.Contains("--resource \"api://$CLIENT_ID\"", Doc, StringComparison.Ordinal); // the token automation asks for
    }

    [Fact]
    public void SignIn_AppRole_IsTheOneTheTemplateAndTheAppRequire()
    {
        string role = bicep.CompiledTemplate["parameters"]!["operatorRole"]!["defaultValue"]!.GetValue<string>();

        Assert.Equal(new OperatorOptions().Role, role);
        Assert.Contains($"\"value\": \"{role}\"", Commands, StringComparison.Ordinal); // roles.json of the app registration
        Assert.Contains($"appRoles[?value=='{role}']", Commands, StringComparison.Ordinal); // the role assigned to operators
    }

    [Fact]
    public void Commands_OutputsAndParameters_ExistInTheTemplate()
    {
        JsonObject outputs = bicep.CompiledTemplate["outputs"]!.AsObject();
        JsonObject parameters = bicep.CompiledTemplate["parameters"]!.AsObject();

        string[] missingOutputs = OutputRead().Matches(Doc).Select(match => match.Groups["name"].Value).Distinct()
            .Where(name => !outputs.ContainsKey(name)).ToArray();
        string[] missingParameters = ParameterSet().Matches(Doc).SelectMany(match => match.Groups["name"].Captures.Select(capture => capture.Value)).Distinct()
            .Where(name => !parameters.ContainsKey(name)).ToArray();

        Assert.True(missingOutputs.Length == 0, "docs/deploy.md reads outputs the template does not have: " + string.Join(", ", missingOutputs));
        Assert.True(missingParameters.Length == 0, "docs/deploy.md sets parameters the template does not have: " + string.Join(", ", missingParameters));
    }

    [Fact]
    public void Commands_NoDataPlaneCallThatNetworkIsolationRefuses()
    {
        // With networkIsolation (the default) Key Vault and storage take data-plane calls only from
        // inside the network; Azure Resource Manager is the way in from a deployer's machine.
        string[] dataPlane = DataPlaneCommand().Matches(Commands).Select(match => match.Value).ToArray();

        Assert.True(dataPlane.Length == 0, "docs/deploy.md runs data-plane commands: " + string.Join(", ", dataPlane));
    }

    [GeneratedRegex("```(?:bash|sh)?\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("--identifier-uris\\s+\"(?<uri>[^\"]+)\"")]
    private static partial Regex IdentifierUri();

    [GeneratedRegex("properties\\.outputs\\.(?<name>[A-Za-z]+)")]
    private static partial Regex OutputRead();

    /// <summary>`param name =` in a parameters file, or `name=value` after `--parameters` of a deployment command.</summary>
    [GeneratedRegex("(?:param (?<name>[A-Za-z]+) =|--parameters \\S+\\.bicepparam(?:\\s+(?<name>[A-Za-z]+)=\\S+)+)")]
    private static partial Regex ParameterSet();

    [GeneratedRegex("az (?:keyvault (?:secret|key|certificate)|storage (?:blob|queue|table|entity|container|file|fs|message))\\b[^\\n]*")]
    private static partial Regex DataPlaneCommand();
}
