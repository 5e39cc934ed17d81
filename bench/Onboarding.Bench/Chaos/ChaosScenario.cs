namespace Onboarding.Bench.Chaos;

/// <summary>What fails during a chaos run (<c>chaos --scenario ...</c>).</summary>
public enum ChaosScenario
{
    /// <summary>The local host is killed with SIGKILL and restarted (<see cref="ChaosOptions.Kills"/> times).</summary>
    Host,

    /// <summary>Azurite is paused (SIGSTOP) for a while, then later stopped and started again on the same data.</summary>
    Storage,

    /// <summary>The local ACS endpoint answers 429 with Retry-After, then 503.</summary>
    Messaging,

    /// <summary>The sandbox bank's payouts fail or time out after paying.</summary>
    Bank,

    /// <summary>The local Event Grid topic answers 429 with Retry-After, then 503: events wait for the relay.</summary>
    Events,

    /// <summary>Storage, messaging, bank and topic faults at once, and host kills (outside the storage outages).</summary>
    All,
}
