namespace Onboarding.Bench.Load;

/// <summary>The <c>load</c> command's options.</summary>
public sealed class LoadOptions
{
    public static readonly string[] AllPhases = ["azure", "reads", "idle", "inmemory", "storage", "burst", "events"];

    /// <summary>Concurrent simulated users (closed loop: each does full journeys back to back).</summary>
    public int Users { get; set; } = 20;

    /// <summary>Each user's pause before every input, as a person reads and types (0: back to back, the most load).</summary>
    public TimeSpan Think { get; set; }

    /// <summary>
    /// How long the users run before each throughput window, not measured: long enough that the
    /// runtime's tiered re-compilation of the hot paths (most of a fresh host's CPU) is over.
    /// </summary>
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long each backend's throughput window lasts.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Open-loop status reads per second.</summary>
    public int ReadRate { get; set; } = 200;

    public TimeSpan ReadDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The quiet period before the idle input, and (at least) before the idle timer.</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Journeys run concurrently in the storage-count window (default: the user count).</summary>
    public int? StorageJourneys { get; set; }

    /// <summary>Journeys of the events phase, one at a time.</summary>
    public int EventJourneys { get; set; } = 10;

    /// <summary>Which phases run: azure (throughput and input latency on Azurite), reads, idle, inmemory, storage, burst (phone codes posted at once to a fresh host), events (how long after the status shows a change the topic has its event).</summary>
    public HashSet<string> Phases { get; set; } = new(AllPhases, StringComparer.Ordinal);

    /// <summary>Environment settings for every local host the run starts (e.g. Durable__MaxQueuePollingInterval=00:00:00.250).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the markdown block is also written (besides stdout).</summary>
    public string? Out { get; set; }

    /// <summary>The local host's dll; default: Onboarding.LocalHost/bin/&lt;the bench's configuration&gt;/net10.0.</summary>
    public string? HostDll { get; set; }
}
