using Onboarding.Bench.Infrastructure;
using Onboarding.Bench.Users;

namespace Onboarding.Bench.Load;

/// <summary>Full journeys by N closed-loop users on one Durable backend.</summary>
public sealed class ThroughputResult
{
    public required string Backend { get; init; }
    public required int Users { get; init; }
    public required double WindowSeconds { get; init; }
    public required double TotalSeconds { get; init; }
    public required int CompletedInWindow { get; init; }
    public required int Completed { get; init; }
    public required IReadOnlyList<string> Failures { get; init; }
    public required Samples JourneySeconds { get; init; }
    public required InputLatencies Inputs { get; init; }
    public required ClientCounters Counters { get; init; }
    public required IReadOnlyList<(string JourneyId, string Token)> Journeys { get; init; }
    public required TimeSpan HostStartup { get; init; }

    /// <summary>CPU used while the users ran.</summary>
    public required CpuUse Cpu { get; init; }

    /// <summary>Journeys completed in the warm-up before the window, and the CPU they used (start-up compilation shows here).</summary>
    public required int WarmupJourneys { get; init; }

    public required CpuUse WarmupCpu { get; init; }

    /// <summary>What the engine did in the window, by the host's own count (none from a build without <c>/dev/engine</c>).</summary>
    public required EngineCounts? Engine { get; init; }

    /// <summary>
    /// Every journey started in the window (all of them completed or failed), over the time until the last one ended.
    /// Counting only completions inside the window would quantise the figure: the users start together, so their
    /// journeys finish in waves of N.
    /// </summary>
    public double JourneysPerSecond => Completed / TotalSeconds;
}

/// <summary>Open-loop status reads at a fixed rate.</summary>
public sealed class ReadsResult
{
    public required int TargetRate { get; init; }
    public required double Seconds { get; init; }
    public required int Sent { get; init; }
    public required double AchievedRate { get; init; }
    public required int Errors { get; init; }
    public required int Journeys { get; init; }

    /// <summary>From the moment the schedule said to send (includes any lag of the sender: no coordinated omission).</summary>
    public required Samples FromSchedule { get; init; }

    /// <summary>From the moment the request was actually sent.</summary>
    public required Samples FromSend { get; init; }

    /// <summary>How late the sender was against the schedule (the bench shares the machine's two cores).</summary>
    public required Samples SendLag { get; init; }

    public required CpuUse Cpu { get; init; }
}

/// <summary>One input and one timer after a quiet period.</summary>
public sealed class IdleResult
{
    public required double QuietBeforeInputSeconds { get; init; }
    public required double InputPickupMs { get; init; }
    public required bool InputAppliedInAnswer { get; init; }
    public required double QuietBeforeTimerSeconds { get; init; }

    /// <summary>First status read that showed <c>code-expired</c>, minus the deadline (reads every 20 ms).</summary>
    public required double TimerObservedLateMs { get; init; }

    /// <summary>The status's <c>updatedAt</c> (the orchestration's time when it handled the timer) minus the deadline.</summary>
    public required double TimerUpdatedAtLateMs { get; init; }
}

/// <summary>Storage requests counted from Azurite's debug log.</summary>
public sealed class StorageResult
{
    public required int Journeys { get; init; }
    public required double IdleSeconds { get; init; }
    public required double WindowSeconds { get; init; }
    public required IReadOnlyList<StorageRequest> Idle { get; init; }
    public required IReadOnlyList<StorageRequest> Window { get; init; }
    public required string TaskHub { get; init; }
    public required string TablePrefix { get; init; }
    public required int CompletedOrchestrations { get; init; }

    /// <summary>What the engine did in the window, by the host's own count (none from a build without <c>/dev/engine</c>).</summary>
    public required EngineCounts? Engine { get; init; }

    /// <summary>Background requests per second with no traffic (queue polling, lease renewals).</summary>
    public double IdleRate(Func<StorageRequest, bool> which) => Idle.Count(which) / IdleSeconds;

    /// <summary>Requests per journey in the window, less the background rate over the window.</summary>
    public double NetPerJourney(Func<StorageRequest, bool> which) =>
        (Window.Count(which) - (IdleRate(which) * WindowSeconds)) / Journeys;

    public double GrossPerJourney(Func<StorageRequest, bool> which) => Window.Count(which) / (double)Journeys;

    /// <summary>A table, queue or container name without the run's task hub or table prefix.</summary>
    public string Short(string resource)
    {
        if (resource.StartsWith(TaskHub, StringComparison.OrdinalIgnoreCase))
        {
            return "{hub}" + resource[TaskHub.Length..];
        }

        return resource.StartsWith(TablePrefix, StringComparison.Ordinal) ? resource[TablePrefix.Length..] : resource;
    }

    /// <summary>The local stand-ins for ACS, a bank and the Event Grid topic, and the bench's own reads of them (not part of a deployed journey).</summary>
    public bool IsStandIn(StorageRequest request) =>
        request.Service == "table" && Short(request.Resource) is "DevOutbox" or "SandboxTransfers" or "SandboxPayments" or "DevEvents";

    /// <summary>The requests to the journey's event log by name (its appends are batches: <see cref="EventAppendsPerJourney"/>).</summary>
    public bool IsEventLog(StorageRequest request) => request.Service == "table" && Short(request.Resource) == "JourneyEvents";

    /// <summary>
    /// The event log's appends: Azurite logs a batch under <c>$batch</c>, not its table. Every other batch is an
    /// episode's history write (one per episode, checked on the build before events: 11.9 and 11.9), so the
    /// appends are the batches beyond the episodes.
    /// </summary>
    public double EventAppendsPerJourney() =>
        Math.Max(0, GrossPerJourney(r => r.Service == "table" && r.Resource == "$batch") - GrossPerJourney(IsEpisode));

    /// <summary>What publishing the journey's events costs per journey, in storage requests: the event log's reads and writes and its appends.</summary>
    public double EventPublishingPerJourney() => NetPerJourney(IsEventLog) + EventAppendsPerJourney();

    /// <summary>The abuse-control counters (limits per phone, address, account; the verified account's owner), reported apart.</summary>
    public bool IsAbuseControl(StorageRequest request) =>
        request.Service == "table" && Short(request.Resource) is "Limits" or "BankAccountOwners";

    /// <summary>What the journey itself costs: not the stand-ins, not the abuse-control counters.</summary>
    public bool IsJourneyOwn(StorageRequest request) => !IsStandIn(request) && !IsAbuseControl(request);

    /// <summary>Orchestration episodes: each commits by merging the instance's row in the Instances table (its creation inserts it).</summary>
    public bool IsEpisode(StorageRequest request) => Is(request, "table", "Instances", "Table_MergeEntity", "Table_UpdateEntity");

    /// <summary>History loads: an episode on this provider (no extended sessions under the sidecar) reads the whole history first.</summary>
    public bool IsHistoryLoad(StorageRequest request) => Is(request, "table", "History", "Table_QueryEntities");

    /// <summary>Activities scheduled: each is one message put on the work-item queue.</summary>
    public bool IsActivity(StorageRequest request) => Is(request, "queue", "-workitems", "Messages_Enqueue");

    /// <summary>Instance reads: queries of the Instances table (status reads, the input routes' and the start's waits, the start's dedupe check).</summary>
    public bool IsInstanceRead(StorageRequest request) => Is(request, "table", "Instances", "Table_QueryEntities", "Table_QueryEntitiesWithPartitionAndRowKey");

    bool Is(StorageRequest request, string service, string hubSuffix, params string[] operations) =>
        request.Service == service && Short(request.Resource) == "{hub}" + hubSuffix && operations.Contains(request.Operation);
}

/// <summary>Phone codes of N fresh journeys posted at once to a freshly started host.</summary>
public sealed class BurstResult
{
    public required int Journeys { get; init; }
    public required Samples Codes { get; init; }
    public required int AppliedInAnswer { get; init; }
    public required TimeSpan HostStartup { get; init; }

    /// <summary>CPU from the host being up to the last code applied (the starts included).</summary>
    public required CpuUse Cpu { get; init; }
}

/// <summary>
/// How long after a journey's status showed a stage change the topic (the local stand-in) had its
/// event: both polled every <see cref="PollMs"/> ms while one journey at a time runs to verified.
/// </summary>
public sealed class EventLagResult
{
    public required int Journeys { get; init; }
    public required int PollMs { get; init; }

    /// <summary>Per event type (without the prefix), in the journey's order.</summary>
    public required IReadOnlyList<(string Type, Samples Lag)> ByType { get; init; }

    /// <summary>Events whose stage the status polling never showed (passed between two polls): not measured.</summary>
    public required int Unmatched { get; init; }

    public Samples All => Samples.Merge(ByType.Select(t => t.Lag));
}

/// <summary>Everything one <c>load</c> run measured.</summary>
public sealed class LoadReport
{
    public required LoadOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string CommandLine { get; init; }
    public required DateTime StartedAt { get; init; }
    public DateTime FinishedAt { get; set; }
    public ThroughputResult? AzureStorage { get; set; }
    public ThroughputResult? InMemory { get; set; }
    public ReadsResult? Reads { get; set; }
    public IdleResult? Idle { get; set; }
    public StorageResult? Storage { get; set; }
    public BurstResult? Burst { get; set; }
    public EventLagResult? EventLag { get; set; }
    public string? LoadAverageAfter { get; set; }
}
