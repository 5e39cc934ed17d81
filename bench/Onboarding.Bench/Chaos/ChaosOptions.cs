namespace Onboarding.Bench.Chaos;

/// <summary>The chaos run's options; <see cref="ChaosRun"/> is usable from a test with these.</summary>
public sealed class ChaosOptions
{
    /// <summary>Journeys run concurrently, their scripts dealt round-robin (verified, locked, expired, cancelled, registered) in a seeded random order.</summary>
    public int Journeys { get; set; } = 100;

    /// <summary>What fails: the host (the default), storage, messaging, the bank, or all of them.</summary>
    public ChaosScenario Scenario { get; set; } = ChaosScenario.Host;

    /// <summary>SIGKILLs of the local host at random moments, each followed by a restart (scenarios host and all).</summary>
    public int Kills { get; set; } = 5;

    /// <summary>Storage, messaging and bank faults begin within a few seconds after this.</summary>
    public TimeSpan FaultsFrom { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest and longest Azurite pause (SIGSTOP).</summary>
    public TimeSpan StoragePauseMin { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan StoragePauseMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long Azurite stays stopped before it is started again on the same data.</summary>
    public TimeSpan StorageDown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long ACS fails: the first half 429 with Retry-After, the second 503.</summary>
    public TimeSpan MessagingFault { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long payouts fail (half at once, half after paying, by timing out).</summary>
    public TimeSpan BankFault { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the local Event Grid topic refuses events (429, then 503) in the events scenario.</summary>
    public TimeSpan EventsFault { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds the scripts' order, cancel points, start delays and kill moments; random when null (printed, so a run can be repeated).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// <c>Journey__ProfileWindow</c>: the expired scripts wait this out after confirming their e-mail. It
    /// must outlast a crash plus a redelivery (messages a killed host held stay invisible for
    /// <c>Durable:MessageVisibilityTimeout</c>, 30 s), or a verified script's profile may lose the race against it.
    /// </summary>
    public TimeSpan ProfileWindow { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Kills happen between these moments after the first start.</summary>
    public TimeSpan KillFrom { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Default: the profile window plus 15 s, so some kills hit while expiry timers come due.</summary>
    public TimeSpan? KillTo { get; set; }

    /// <summary>The least time between two kills (the host needs a few seconds to start again).</summary>
    public TimeSpan MinKillGap { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Journeys start spread over this time.</summary>
    public TimeSpan StartSpread { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long, at the end, orchestrations may take to reach their final runtime status.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// After a 202, a client sends the input again if the journey has not shown it applied for this long (a person
    /// pressing the button again). Longer than a restart plus the 30 s redelivery of messages a killed host held.
    /// </summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The storage to use; null starts an Azurite of the run's own (always so for the storage faults, which pause and restart it).</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>Onboarding.LocalHost.dll; null: the repository's build in the bench's configuration.</summary>
    public string? HostDll { get; set; }

    /// <summary>More environment settings for the local host.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Progress lines.</summary>
    public Action<string> Log { get; set; } = _ => { };
}
