using System.Text.Json.Nodes;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Builds and lints <c>infra/main.bicep</c> and builds <c>infra/main.dev.bicepparam</c> once for
/// all the infrastructure tests, the three commands side by side (each takes about two seconds).
/// </summary>
public sealed class BicepTemplateFixture : IAsyncLifetime
{
    public const string Template = "infra/main.bicep";
    public const string DevParameters = "infra/main.dev.bicepparam";

    readonly DirectoryInfo output = Directory.CreateTempSubdirectory("onboarding-bicep-");

    public BicepRun Build { get; private set; } = null!;
    public BicepRun Lint { get; private set; } = null!;
    public BicepRun BuildParams { get; private set; } = null!;

    /// <summary>The ARM JSON <c>bicep build</c> wrote.</summary>
    public JsonNode CompiledTemplate { get; private set; } = null!;

    /// <summary>The parameters JSON <c>bicep build-params</c> wrote for the dev environment.</summary>
    public JsonNode CompiledDevParameters { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BicepCli bicep = BicepCli.Find();
        string templateJson = Path.Combine(output.FullName, "main.json");
        string parametersJson = Path.Combine(output.FullName, "main.dev.parameters.json");

        Task<BicepRun> build = bicep.RunAsync("build", Template, "--outfile", templateJson);
        Task<BicepRun> lint = bicep.RunAsync("lint", Template);
        Task<BicepRun> buildParams = bicep.RunAsync("build-params", DevParameters, "--outfile", parametersJson);
        (Build, Lint, BuildParams) = (await build, await lint, await buildParams);

        Assert.True(Build.ExitCode == 0 && File.Exists(templateJson), Build.Describe());
        Assert.True(BuildParams.ExitCode == 0 && File.Exists(parametersJson), BuildParams.Describe());
        CompiledTemplate = JsonNode.Parse(await File.ReadAllTextAsync(templateJson))!;
        CompiledDevParameters = JsonNode.Parse(await File.ReadAllTextAsync(parametersJson))!;
    }

    /// <summary>
    /// The properties of the <c>Microsoft.Web/sites/config</c> 'appsettings' resource of
    /// appSettings.bicep, which main.bicep deploys twice (the public app and the operators' app).
    /// </summary>
    public JsonObject AppSettings()
    {
        var found = Descendants(CompiledTemplate)
            .Where(node => string.Equals(node["type"]?.ToString(), "Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
                           && node["name"]?.ToString().Contains("'appsettings'", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(found.Count == 2, $"Expected the appsettings module twice in the compiled template, found {found.Count}.");
        Assert.Equal(found[0]["properties"]!.ToJsonString(), found[1]["properties"]!.ToJsonString());
        return found[0]["properties"]!.AsObject();
    }

    /// <summary>Every object in the JSON, depth first.</summary>
    public static IEnumerable<JsonObject> Descendants(JsonNode? node) =>
        node switch
        {
            JsonObject obj => obj.Select(property => property.Value).SelectMany(Descendants).Prepend(obj),
            JsonArray array => array.SelectMany(Descendants),
            _ => [],
        };

    public Task DisposeAsync()
    {
        output.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
