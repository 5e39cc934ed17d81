using System.Text.Json;
using Onboarding.Application.Orchestration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>The Functions host runs journeys on the versions the code knows: host.json agrees with <see cref="JourneyVersions"/>.</summary>
public sealed class HostJsonTests
{
    [Fact]
    public void DurableTask_Versioning_NewJourneysOnTheCurrentVersionAndNewerOnesLeftAlone()
    {
        using JsonDocument hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("host.json")));
        JsonElement durable = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal(JourneyVersions.Current, durable.GetProperty("defaultVersion").GetString());
        Assert.Equal("CurrentOrOlder", durable.GetProperty("versionMatchStrategy").GetString());
        Assert.Equal("Reject", durable.GetProperty("versionFailureStrategy").GetString());
    }
}
