using System.Text.RegularExpressions;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The stages and the inputs each takes live once, in the domain (<see cref="JourneyStages"/>); every
/// place that lists them reads them from there or is checked against it here: the web app's module
/// <c>web/journey.js</c> (generated), the web app, the operators' page, the README's diagram. (The
/// HTTP contract's enum: <c>SchemaAgreementTests</c>; the operators' actions come from the API:
/// <c>OperatorJourneyViewTests</c>.)
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class StageListsTests
{
    const string WriteSwitch = "ONBOARDING_WRITE_GENERATED";

    [Fact]
    public void WebJourneyModule_IsTheDomainsStagesAndInputs()
    {
        string path = RepositoryRoot.File("web", "journey.js");
        string expected = JourneyFacts.Module();
        if (Environment.GetEnvironmentVariable(WriteSwitch) == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path).ReplaceLineEndings() == expected.ReplaceLineEndings(),
            $"web/journey.js is not what the domain says now: run `{WriteSwitch}=1 ./test.sh --filter StageListsTests` and commit it.");
    }

    [Fact]
    public void WebApp_TakesTheFinalStagesFromTheModuleAndHasAScreenForEveryStage()
    {
        string app = File.ReadAllText(RepositoryRoot.File("web", "app.js"));

        Assert.Contains("from './journey.js'", app, StringComparison.Ordinal);
        Assert.All(JourneyFacts.Stages, stage => Assert.True(
            Regex.IsMatch(app, $"'{stage}'|\\b{stage}:"), $"web/app.js has no screen for stage {stage}."));
    }

    [Fact]
    public void OperatorPage_ListsEveryStageInOrderWithALabelAndAColour()
    {
        string page = File.ReadAllText(RepositoryRoot.File("Onboarding.Application", "Operators", "Http", "ops.js"));

        Match list = Regex.Match(page, @"const STAGES = \[(?<stages>[^\]]*)\]");
        Assert.True(list.Success, "ops.js lists its stages in `const STAGES = [...]`.");
        Assert.Equal(JourneyFacts.Stages, Regex.Matches(list.Groups["stages"].Value, "'(\\w+)'").Select(match => match.Groups[1].Value));
        Assert.All(JourneyFacts.Stages, stage => Assert.True(
            Regex.Matches(page, $"\\b{stage}:").Count >= 2, $"ops.js needs a label and a colour for stage {stage}."));
    }

    [Fact]
    public void OperatorPage_TakesItsActionsFromTheServer()
    {
        string page = File.ReadAllText(RepositoryRoot.File("Onboarding.Application", "Operators", "Http", "ops.js"));

        Assert.Contains("journey.actions.terminate", page, StringComparison.Ordinal);
        Assert.Contains("journey.actions.unlock", page, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeDiagram_HasEveryStageAndNoOther()
    {
        string readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        Match diagram = Regex.Match(readme, "```mermaid\\s*\\nstateDiagram-v2(?<body>.*?)```", RegexOptions.Singleline);
        Assert.True(diagram.Success, "README.md has the journey's stateDiagram-v2.");

        string[] states = Regex.Matches(diagram.Groups["body"].Value, @"^\s*(?<from>\S+)\s*-->\s*(?<to>[^:\s]+)", RegexOptions.Multiline)
            .SelectMany(match => new[] { match.Groups["from"].Value, match.Groups["to"].Value })
            .Where(state => state != "[*]")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(JourneyFacts.Stages.Order(StringComparer.Ordinal), states);
    }
}
