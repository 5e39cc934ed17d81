namespace Onboarding.Application.Orchestration;

/// <summary>
/// The versions of the journey's orchestration. Each journey records the version it started or
/// continued on (Durable's orchestration version); the orchestrator keeps a path for every version
/// a journey may still be waiting on. How to change the journey safely: README, "Changing the journey".
/// </summary>
public static class JourneyVersions
{
    /// <summary>Journeys started before versioning (the build of 2026-11-26): one orchestration for the whole journey.</summary>
    public const string V1 = "";

    /// <summary>Continues as new at every stage boundary; steps record their own stage changes; failing steps are retried on a timer.</summary>
    public const string V2 = "2.0";

    /// <summary>New journeys start on it, and every generation continues on it.</summary>
    public const string Current = V2;
}
