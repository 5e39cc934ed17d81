using Onboarding.Bench.Chaos;
using Onboarding.Tests.Support;
using Xunit.Abstractions;

namespace Onboarding.Tests.Chaos;

/// <summary>
/// The chaos run's fault scenarios, short: ten scripted journeys while storage (Azurite paused with
/// SIGSTOP, later stopped and started again on the same data), messaging (the local ACS endpoint
/// answering 429 with Retry-After, then 503) or the bank (payouts failing, or paying and then timing
/// out) fail for a while, or all of them — the local Event Grid topic refusing events too — with a host kill. Every journey must end where its script
/// says with each step's message and each cycle's deposits exactly once and nothing stuck; clients
/// meet no 5xx but <c>503 unavailable</c> and no answer slower than the contract's 10 s (but around a host restart). The full
/// scenarios (100 journeys, 20–60 s outages) are <c>chaos --scenario ...</c>; see docs/benchmarks.md.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class FaultScenarioTests(ITestOutputHelper output)
{
    /// <summary>The contract's 10 s (Onboarding:RequestTimeout) plus the time to write the answer on a loaded machine.</summary>
    static readonly TimeSpan SlowestAllowedAnswer = TimeSpan.FromSeconds(12);

    /// <summary>
    /// With a host kill: a request that waits in a restarting host before its handler (and so its deadline)
    /// starts is not bounded by the deadline (13.2 s once at a load average of 32; docs/benchmarks.md, finding 15).
    /// </summary>
    static readonly TimeSpan SlowestAllowedAnswerAroundARestart = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Storage_PausedThenRestarted_EveryJourneyEndsAsScriptedAndClientsMeetOnly503()
    {
        ChaosResult result = await RunAsync(new ChaosOptions
        {
            Scenario = ChaosScenario.Storage,
            FaultsFrom = TimeSpan.FromSeconds(2),
            StoragePauseMin = TimeSpan.FromSeconds(8),
            StoragePauseMax = TimeSpan.FromSeconds(10),
            StorageDown = TimeSpan.FromSeconds(3),
            // The profile window outlasts the pause: a profile posted just before it must still beat the expiry timer.
            ProfileWindow = TimeSpan.FromSeconds(30),
        });

        Assert.Contains(result.Faults, fault => fault.Window.Kind == "storage paused");
        Assert.Contains(result.Faults, fault => fault.Window.Kind == "storage restarted");
        Assert.Contains(result.Counters.Answers.Keys, kind => kind == "503 unavailable"); // the pause was met, and answered
    }

    [Fact]
    public async Task Messaging_Acs429Then503_EveryMessageSentOnceAfterTheFault()
    {
        ChaosResult result = await RunAsync(new ChaosOptions
        {
            Scenario = ChaosScenario.Messaging,
            FaultsFrom = TimeSpan.FromSeconds(1),
            MessagingFault = TimeSpan.FromSeconds(10),
            ProfileWindow = TimeSpan.FromSeconds(20),
        });

        Assert.True(result.Injected.GetValueOrDefault("acs Throttle") > 0, "no send met a 429");
        Assert.True(result.Injected.GetValueOrDefault("acs Unavailable") > 0, "no send met a 503");
    }

    [Fact]
    public async Task Bank_PayoutsFailingAndTimingOutAfterPaying_EveryCycleDepositedOnce()
    {
        ChaosResult result = await RunAsync(new ChaosOptions
        {
            Scenario = ChaosScenario.Bank, // from the first verification request on
            BankFault = TimeSpan.FromSeconds(10),
            ProfileWindow = TimeSpan.FromSeconds(20),
        });

        Assert.True(result.Injected.GetValueOrDefault("bank Fail") + result.Injected.GetValueOrDefault("bank TimeoutAfterPaying") > 0, "no payout met a fault");
    }

    [Fact]
    public async Task All_StorageMessagingTopicBankAndAHostKill_EveryJourneyEndsAsScripted()
    {
        ChaosResult result = await RunAsync(new ChaosOptions
        {
            Scenario = ChaosScenario.All,
            Kills = 1,
            // The kill comes first (3 s to the pause's start less 3 s; a host cannot start while storage is out), then the faults.
            FaultsFrom = TimeSpan.FromSeconds(10),
            StoragePauseMin = TimeSpan.FromSeconds(8),
            StoragePauseMax = TimeSpan.FromSeconds(10),
            StorageDown = TimeSpan.FromSeconds(3),
            MessagingFault = TimeSpan.FromSeconds(12),
            BankFault = TimeSpan.FromSeconds(15),
            EventsFault = TimeSpan.FromSeconds(12),
            KillTo = TimeSpan.FromSeconds(30),
            // Outlasts a restart plus the 30 s redelivery of what the killed host held.
            ProfileWindow = TimeSpan.FromSeconds(40),
        });

        Assert.Equal(1, result.Kills);
        Assert.Equal(5, result.Faults.Count);
        // Whether a publish fell inside the topic's fault window depends on the machine (on a busy one the kill and the
        // storage pause can cover it, as they can the ACS fault's): said, not asserted. That a topic fault delays events
        // without losing them is JourneyEventTests.TopicThrottlingThenDown_JourneyGoesOnAndEveryEventArrivesLateInOrder.
        output.WriteLine($"publishes that met a topic fault: {result.Injected.GetValueOrDefault("eventgrid Throttle") + result.Injected.GetValueOrDefault("eventgrid Unavailable")}");
    }

    async Task<ChaosResult> RunAsync(ChaosOptions options)
    {
        options.Journeys = 10;
        options.HostDll = Path.Combine(AppContext.BaseDirectory, "Onboarding.LocalHost.dll");
        options.Log = line => output.WriteLine(line);
        if (options.Scenario is ChaosScenario.Messaging or ChaosScenario.Bank)
        {
            options.StorageConnectionString = TestStorage.ConnectionString; // the storage faults need an Azurite of their own
        }

        ChaosResult result = await new ChaosRun(options).RunAsync();

        output.WriteLine(result.Summary());
        Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations));
        Assert.Equal(0, result.DuplicateMessages);
        Assert.Equal(0, result.DuplicateDeposits);
        Assert.Equal(0, result.Stuck);
        Assert.Equal(10, result.Outcomes.Values.Sum());
        Assert.Equal(0, result.EventGaps + result.EventConflicts + result.EventsMissing);
        Assert.All(result.Counters.ServerErrorKinds.Keys, kind => Assert.Equal("503 unavailable", kind));
        Assert.DoesNotContain("no answer (client timeout)", result.Counters.Answers.Keys);
        TimeSpan allowed = options.Scenario == ChaosScenario.All ? SlowestAllowedAnswerAroundARestart : SlowestAllowedAnswer;
        Assert.True(result.Counters.SlowestAnswer <= allowed, $"an answer took {result.Counters.SlowestAnswer.TotalSeconds:0.0} s");
        return result;
    }
}
