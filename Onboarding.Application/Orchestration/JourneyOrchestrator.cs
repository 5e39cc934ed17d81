using Microsoft.DurableTask;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// The journey's orchestrator, as both hosts register it: runs each journey on the version it
/// started or continued on (<see cref="JourneyVersions"/>). New journeys start on the current one.
/// </summary>
public sealed class JourneyOrchestrator : TaskOrchestrator<JourneyInput, JourneyStage>
{
    public const string Name = nameof(JourneyOrchestrator);

    // Journeys started before versioning have no version at all (null), not an empty one.
    public override Task<JourneyStage> RunAsync(TaskOrchestrationContext context, JourneyInput input) => (context.Version ?? JourneyVersions.V1) switch
    {
        JourneyVersions.V1 => new JourneyV1(context, input).RunAsync(),
        JourneyVersions.V2 or JourneyVersions.V2NamedEnums => new JourneyV2(context, input).RunAsync(),
        JourneyVersions.V3 => new JourneyV3(context, input).RunAsync(),
        _ => throw new NotSupportedException($"This build cannot run journey version '{context.Version}'."),
    };

    /// <summary>The activities the version calls, through its own bindings: the hosts register every one of them.</summary>
    public static IReadOnlyList<IJourneyActivity> ActivitiesOf(string? version) => (version ?? JourneyVersions.V1) switch
    {
        JourneyVersions.V1 => JourneyV1Activities.All,
        JourneyVersions.V2 or JourneyVersions.V2NamedEnums => JourneyV2Activities.All,
        JourneyVersions.V3 => JourneyV3Activities.All,
        _ => throw new NotSupportedException($"This build knows no journey version '{version}'."),
    };
}
