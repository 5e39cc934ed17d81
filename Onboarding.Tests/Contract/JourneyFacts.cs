using System.Text;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The journey's stages as the domain has them (<see cref="JourneyStages"/>), written as
/// the web app's module <c>web/journey.js</c>: the one place the browser code reads them from.
/// </summary>
public static class JourneyFacts
{
    public static string[] Stages => [.. JourneyStages.InJourneyOrder.Select(stage => stage.ToWireName())];

    public static string Module()
    {
        var module = new StringBuilder();
        module.AppendLine("// The journey's stages, as Onboarding.Domain has them (JourneyStages).");
        module.AppendLine("// Generated: do not edit. Onboarding.Tests/Contract/StageListsTests fails when the domain changes;");
        module.AppendLine("// ONBOARDING_WRITE_GENERATED=1 ./test.sh --filter StageListsTests writes it anew.");
        module.AppendLine();
        module.AppendLine("/** Every stage, in the order a person goes through the journey. */");
        module.AppendLine($"export const STAGES = [{Quoted(JourneyStages.InJourneyOrder)}];");
        module.AppendLine();
        module.AppendLine("/** The stages in which the journey is over: nothing moves it any more. */");
        module.AppendLine($"export const FINAL_STAGES = [{Quoted(JourneyStages.InJourneyOrder.Where(stage => stage.IsFinal()))}];");
        return module.ToString();
    }

    static string Quoted(IEnumerable<JourneyStage> stages) => string.Join(", ", stages.Select(stage => $"'{stage.ToWireName()}'"));
}
