namespace Onboarding.LocalHost.Durable;

/// <summary>Section <c>Durable</c>: the Durable Task engine of the local host.</summary>
public sealed class DurableOptions
{
    public const string SectionName = "Durable";

    /// <summary><c>AzureStorage</c> (the provider Durable Functions uses, on Azurite) or <c>InMemory</c> (tests, benchmarks).</summary>
    public DurableBackend Backend { get; set; } = DurableBackend.AzureStorage;

    /// <summary>Storage for the task hub; defaults to <c>Storage:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Letters and digits only.</summary>
    public string TaskHub { get; set; } = "OnboardingLocal";

    /// <summary>Stable across restarts: a new id waits for the old one's partition leases to expire.</summary>
    public string WorkerId { get; set; } = "onboarding-local";

    /// <summary>The longest an idle queue waits between polls; the 30 s default makes idle inputs and timers late.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Control queues of a new task hub. The local host is one worker, so more partitions buy no
    /// parallelism, only more empty queue polls: one partition used 15–25 % less CPU per journey
    /// and cut the idle background from 5.7 to 2.2 storage requests/s (docs/benchmarks.md). An
    /// existing task hub keeps the queues it was created with: journeys in flight in a local
    /// <c>.azurite</c> made with 4 need <c>Durable__PartitionCount=4</c> (or a fresh folder).
    /// </summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// How long a message taken by a worker that then dies stays invisible. The provider's
    /// 5-minute default holds a journey back that long after a crash; locally a restart takes
    /// seconds. The journey's activities take seconds too, well inside this.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Port of the gRPC sidecar on 127.0.0.1; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }
}

public enum DurableBackend
{
    AzureStorage,
    InMemory,
}
