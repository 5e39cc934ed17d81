using Onboarding.Application.Orchestration;

namespace Onboarding.Tests.Orchestration;

/// <summary>
/// The journey versions an orchestrator test runs on: every live one (a journey may be waiting on
/// each), or those from the version that brought the behaviour it checks.
/// </summary>
public static class LiveVersions
{
    public static TheoryData<string> All() => [.. JourneyVersions.Live];

    public static TheoryData<string> From(string first)
    {
        Assert.Contains(first, JourneyVersions.Live);
        return [.. JourneyVersions.Live.SkipWhile(version => version != first)];
    }
}
