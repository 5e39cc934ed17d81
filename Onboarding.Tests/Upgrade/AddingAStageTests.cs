using System.Diagnostics;
using System.Xml.Linq;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Upgrade;

/// <summary>
/// A newcomer adds a stage ("accept the terms" after the profile) the README's way ("Changing the
/// journey", step 3) in a scratch copy of the repository: what waiting journeys hold still reads
/// back the same and every released version decides as it did, while each place that lists the
/// stages fails, naming itself, until it learns the new one. (The stage's own steps belong to a
/// journey version 3, whose upgrade test then runs against the released builds.)
/// </summary>
public sealed class AddingAStageTests
{
    [Fact]
    public async Task NewStage_AddedTheReadmesWay_WaitingJourneysUntouchedAndEveryStageListNamesItself()
    {
        string scratch = Path.Combine(Path.GetTempPath(), $"onboarding-scratch-{Guid.NewGuid():N}");
        try
        {
            await CopyRepositoryAsync(scratch);
            Edit(scratch, "Onboarding.Domain/Journeys/JourneyStage.cs",
                ("    AwaitingProfile = 2,\n", "    AwaitingProfile = 2,\n    AwaitingTerms = 9,\n"),
                ("        JourneyStage.AwaitingProfile,\n", "        JourneyStage.AwaitingProfile,\n        JourneyStage.AwaitingTerms,\n"));
            Edit(scratch, "Onboarding.Tests/Persistence/Golden/enums.json", ("\"AwaitingProfile\": 2,", "\"AwaitingProfile\": 2,\n    \"AwaitingTerms\": 9,"));

            await RunAsync(scratch, "dotnet", "build", "Onboarding.Tests/Onboarding.Tests.csproj", "-c", "Debug", "--nologo", "-v", "quiet", "-clp:ErrorsOnly");
            await RunAsync(scratch, "dotnet", "test", "Onboarding.Tests/Onboarding.Tests.csproj", "-c", "Debug", "--no-build", "--nologo",
                "--filter", "FullyQualifiedName~Onboarding.Tests.Persistence.PersistedFormatTests|FullyQualifiedName~Onboarding.Tests.Orchestration|FullyQualifiedName~Onboarding.Tests.Contract.StageListsTests|FullyQualifiedName~JourneyStageSchema_Enum",
                "--logger", "trx;LogFileName=scratch.trx", "--results-directory", Path.Combine(scratch, "TestResults"));

            Dictionary<string, (string Outcome, string Message)> results = Results(Path.Combine(scratch, "TestResults", "scratch.trx"));
            Assert.True(results.Count > 30, $"only {results.Count} tests ran");

            // Nothing a waiting journey holds or replays moved.
            Assert.All(results.Where(result => result.Key.Contains(".Persistence.", StringComparison.Ordinal) || result.Key.Contains(".Orchestration.", StringComparison.Ordinal)),
                result => Assert.True(result.Value.Outcome == "Passed", $"{result.Key}: {result.Value.Message}"));

            // Each list of the stages says it lacks the new one.
            string[] failed = [.. results.Where(result => result.Value.Outcome == "Failed").Select(result => result.Key[(result.Key.LastIndexOf('.') + 1)..])];
            Assert.Equal(
                ["JourneyStageSchema_Enum_IsEveryStageAsSerialised", "OperatorPage_ListsEveryStageInOrderWithALabelAndAColour", "ReadmeDiagram_HasEveryStageAndNoOther", "WebApp_TakesTheFinalStagesFromTheModuleAndHasAScreenForEveryStage", "WebJourneyModule_IsTheDomainsStagesAndInputs"],
                failed.Order(StringComparer.Ordinal));
            Assert.Contains("awaitingTerms", results.Single(result => result.Key.EndsWith("WebApp_TakesTheFinalStagesFromTheModuleAndHasAScreenForEveryStage", StringComparison.Ordinal)).Value.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>The repository's files as they are now (tracked and new, not ignored ones), without their build output.</summary>
    static async Task CopyRepositoryAsync(string scratch)
    {
        string listed = await RunAsync(RepositoryRoot.Path, "git", "ls-files", "-co", "--exclude-standard");
        foreach (string file in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string from = RepositoryRoot.File(file);
            if (!File.Exists(from))
            {
                continue; // deleted, not yet committed
            }

            string to = Path.Combine(scratch, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
    }

    static void Edit(string scratch, string file, params (string From, string To)[] edits)
    {
        string path = Path.Combine(scratch, file);
        string text = File.ReadAllText(path).ReplaceLineEndings("\n");
        foreach ((string from, string to) in edits)
        {
            Assert.True(text.Contains(from, StringComparison.Ordinal), $"{file} no longer has \"{from.Trim()}\": update this test with the README.");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        File.WriteAllText(path, text);
    }

    static Dictionary<string, (string Outcome, string Message)> Results(string trx)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(trx).Descendants(ns + "UnitTestResult")
            .GroupBy(result => StripArguments((string)result.Attribute("testName")!))
            .ToDictionary(
                group => group.Key,
                group => (
                    group.Any(result => (string?)result.Attribute("outcome") == "Failed") ? "Failed" : (string)group.First().Attribute("outcome")!,
                    string.Join("\n", group.SelectMany(result => result.Descendants(ns + "Message")).Select(message => message.Value))));
    }

    static string StripArguments(string testName) => testName.IndexOf('(', StringComparison.Ordinal) is int open and >= 0 ? testName[..open] : testName;

    /// <summary>Runs a command to its end; the test fails with its output if it fails (a test run's failures are read from its TRX instead).</summary>
    static async Task<string> RunAsync(string folder, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ONBOARDING_RECORD_GOLDEN");
        start.Environment.Remove("ONBOARDING_WRITE_GENERATED");
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        bool testRun = arguments.Length > 0 && arguments[0] == "test";
        Assert.True(process.ExitCode == 0 || testRun, $"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}\n{await errors}");
        return output;
    }
}
