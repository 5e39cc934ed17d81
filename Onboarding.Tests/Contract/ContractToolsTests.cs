using System.Diagnostics;
using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The contract's tools from npm (package.json, installed by ./test.sh): Redocly CLI lints
/// <c>openapi.yaml</c>, openapi-typescript's output <c>web/openapi.d.ts</c> is the document's
/// current form, and TypeScript checks the web app's calls of the API against it.
/// </summary>
public sealed class ContractToolsTests
{
    [Fact]
    public async Task RedoclyLint_OpenApiYaml_NoErrorsOrWarnings()
    {
        (int exit, string output) = await RunAsync("redocly", "lint", "openapi.yaml", "--format=stylish");

        Assert.True(exit == 0, output);
        Assert.DoesNotContain(" warning ", output, StringComparison.Ordinal);
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiTypeScript_CheckedInTypes_AreTheDocumentsCurrentTypes()
    {
        string output = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.d.ts");
        try
        {
            // The same command as `npm run contract-types`, writing elsewhere.
            using JsonDocument package = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("package.json")));
            string[] command = package.RootElement.GetProperty("scripts").GetProperty("contract-types").GetString()!.Split(' ');
            Assert.Equal("web/openapi.d.ts", command[^1]);
            (int exit, string log) = await RunAsync(command[0], [.. command[1..^1], output]);
            Assert.True(exit == 0, log);

            Assert.True(await File.ReadAllTextAsync(output) == await File.ReadAllTextAsync(RepositoryRoot.File("web", "openapi.d.ts")),
                "web/openapi.d.ts is not what openapi.yaml generates now: run `npm run contract-types` and commit it.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task TypeScript_WebApp_CallsTheApiAsTheContractTypesSay()
    {
        (int exit, string output) = await RunAsync("tsc", "--project", "web/tsconfig.json");

        Assert.True(exit == 0, "tsc found type errors in the web app:\n" + output);
    }

    [Fact]
    public async Task TypeScript_ACallTheContractDoesNotTake_FailsTheCheck()
    {
        string folder = Directory.CreateTempSubdirectory("contract-probe-").FullName;
        try
        {
            string api = RepositoryRoot.File("web", "api.js").Replace('\\', '/');
            await File.WriteAllTextAsync(Path.Combine(folder, "probe.js"), $$"""
                import { submit } from '{{api}}';
                const journey = { journeyId: '0f3c9a6d2b7e4f18a5c1d2e3f4a5b6c7', journeyToken: 't' };
                submit(journey, '/phone-code', { code: 123456 });
                submit(journey, '/profile', { givenName: 'Anna', nationality: 'us' });
                """);
            await File.WriteAllTextAsync(Path.Combine(folder, "tsconfig.json"), """
                { "compilerOptions": { "allowJs": true, "checkJs": true, "noEmit": true, "target": "es2022", "module": "es2022",
                    "moduleResolution": "bundler", "lib": ["es2022", "dom", "dom.iterable"] }, "files": ["probe.js"] }
                """);

            (int exit, string output) = await RunAsync("tsc", "--project", Path.Combine(folder, "tsconfig.json"));

            Assert.NotEqual(0, exit);
            Assert.Contains("probe.js(3,", output, StringComparison.Ordinal); // a number where the code is a string
            Assert.Contains("probe.js(4,", output, StringComparison.Ordinal); // missing fields; a lower-case country code
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs a tool of <c>node_modules/.bin</c> in the repository's folder; its exit code and everything it wrote.</summary>
    static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        string executable = RepositoryRoot.File("node_modules", ".bin", tool);
        Assert.True(File.Exists(executable), $"{executable} is missing: run `npm ci` (./test.sh does).");
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
