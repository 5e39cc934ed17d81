using Onboarding.Bench.Chaos;
using Onboarding.Tests.Support;
using Xunit.Abstractions;

namespace Onboarding.Tests.Chaos;

/// <summary>
/// The chaos run of <c>bench/Onboarding.Bench</c>, small: ten scripted journeys while the local host
/// (its own process, on the suite's Azurite) is killed with SIGKILL twice and restarted. Every
/// journey must end where its script says, with each step's message and each cycle's deposits
/// exactly once, its events numbered without a gap and published with one content per id, and no
/// orchestration left stuck. A contested journey (other people's bank details sent with the user's own,
/// at once and on the deposits-sent e-mail) pays exactly one account, which the status and the e-mail
/// name, and verifies with its amounts (decision 24). The full run (100 journeys, 5 kills) is
/// <c>dotnet run -c Release --project bench/Onboarding.Bench -- chaos</c>; see docs/benchmarks.md.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chaos_TenJourneysTwoKills_EveryJourneyEndsAsScriptedWithoutDuplicates()
    {
        var options = new ChaosOptions
        {
            Journeys = 10,
            Kills = 2,
            // Expired scripts wait this out; it outlasts a restart plus the 30 s redelivery of what a killed host held.
            ProfileWindow = TimeSpan.FromSeconds(40),
            KillFrom = TimeSpan.FromSeconds(3),
            KillTo = TimeSpan.FromSeconds(20),
            StorageConnectionString = TestStorage.ConnectionString,
            HostDll = Path.Combine(AppContext.BaseDirectory, "Onboarding.LocalHost.dll"),
            Log = line => output.WriteLine(line),
        };

        ChaosResult result = await new ChaosRun(options).RunAsync();

        output.WriteLine(result.Summary());
        Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations));
        Assert.Equal(2, result.Kills);
        Assert.Equal(0, result.DuplicateMessages);
        Assert.Equal(0, result.DuplicateDeposits);
        Assert.Equal(0, result.Stuck);
        // Host kills while events are published: none lost, no gap, no id with two contents (repeats are allowed).
        Assert.Equal(0, result.EventGaps);
        Assert.Equal(0, result.EventConflicts);
        Assert.Equal(0, result.EventsMissing);
        Assert.True(result.EventsKept >= 10, $"{result.EventsKept} events kept");
        // The only 5xx a client may meet is the documented 503 (with Retry-After) for an input sent before a journey's first run is committed.
        Assert.All(result.Counters.ServerErrorKinds.Keys, kind => Assert.Equal("503 unavailable", kind));
        Assert.Equal(10, result.Outcomes.Values.Sum());
        Assert.True(result.Scripts.GetValueOrDefault(nameof(ChaosScript.Contested)) >= 1, "no contested journey was dealt");
    }
}

/// <summary>The chaos run loads both cores: it runs alone, after the other tests, so it neither slows their windows nor is slowed by them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos run";
}
