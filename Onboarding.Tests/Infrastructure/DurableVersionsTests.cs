using System.Text.Json;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Both hosts run the same Durable Task SDK: one version of every <c>Microsoft.DurableTask.*</c>
/// package across the Functions app, the Durable extension the Functions host loads beside it
/// (<c>.azurefunctions</c>) and the local host, and the same Azure Storage provider. The worker
/// extension brings its own SDK version, so a bump of either side shows here first.
/// </summary>
public sealed class DurableVersionsTests
{
    [Fact]
    public void DepsJson_BothHosts_OneVersionOfEveryDurableTaskPackage()
    {
        // Arrange
        Dictionary<string, IReadOnlyDictionary<string, string>> hosts = DepsFiles().ToDictionary(file => file.Key, file => Packages(file.Value));

        // Act: package name -> every version any host resolves, and where.
        var versions = hosts
            .SelectMany(host => host.Value.Select(package => (Host: host.Key, Name: package.Key, Version: package.Value)))
            .Where(package => package.Name.StartsWith("Microsoft.DurableTask.", StringComparison.Ordinal)
                              || package.Name == "Microsoft.Azure.DurableTask.AzureStorage")
            .GroupBy(package => package.Name)
            .ToList();

        // Assert
        Assert.Contains(versions, group => group.Key == "Microsoft.DurableTask.Worker.Grpc" && group.Any(package => package.Host == "Functions app"));
        Assert.Contains(versions, group => group.Key == "Microsoft.Azure.DurableTask.AzureStorage" && group.Select(package => package.Host).Distinct().Count() == 2);
        string[] split = versions.Where(group => group.Select(package => package.Version).Distinct().Count() > 1)
            .Select(group => $"{group.Key}: " + string.Join(", ", group.Select(package => $"{package.Version} ({package.Host})")))
            .ToArray();
        Assert.True(split.Length == 0, "More than one version:\n" + string.Join("\n", split));
    }

    static Dictionary<string, string> DepsFiles()
    {
        string functions = Path.GetDirectoryName(FunctionsMetadata.Load().FilePath)!;
        string configuration = new DirectoryInfo(functions).Parent!.Name; // Debug or Release, as the metadata found
        string local = RepositoryRoot.File("Onboarding.LocalHost", "bin", configuration, "net10.0", "Onboarding.LocalHost.deps.json");
        Assert.True(File.Exists(local), $"{local} is missing: build the solution first.");
        return new Dictionary<string, string>
        {
            ["Functions app"] = Path.Combine(functions, "Onboarding.Functions.deps.json"),
            ["Functions host's Durable extension"] = Path.Combine(functions, ".azurefunctions", "function.deps.json"),
            ["local host"] = local,
        };
    }

    /// <summary>name -> version of every package a deps.json lists under its libraries.</summary>
    static IReadOnlyDictionary<string, string> Packages(string depsJson)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(depsJson));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }
}
