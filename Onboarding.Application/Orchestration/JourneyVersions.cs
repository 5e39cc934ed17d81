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

    /// <summary>
    /// Version 2's decisions (the same <see cref="JourneyV2"/>), with what Durable stores written by
    /// <see cref="JourneyDataFormat"/>: enums by name. Builds before it read enum numbers only; as a
    /// newer version it keeps their workers away from the journeys that moved here (they run
    /// <c>CurrentOrOlder</c>), so none of them meets a name it cannot read.
    /// </summary>
    public const string V2NamedEnums = "2.1";

    /// <summary>
    /// Decides on exactly the inputs it accepted (<see cref="JourneyV3"/>): the profile and each cycle's
    /// bank details are stored once and named by their events; the generation carries which bank details
    /// were paid, and a cycle whose account is another person's fails instead of verifying.
    /// </summary>
    public const string V3 = "3.0";

    /// <summary>New journeys start on it, and every generation continues on it.</summary>
    public const string Current = V3;

    /// <summary>Every version a journey may be waiting on, oldest first: the orchestrator runs each, and the tests run each.</summary>
    public static IReadOnlyList<string> Live { get; } = [V1, V2, V2NamedEnums, V3];
}
