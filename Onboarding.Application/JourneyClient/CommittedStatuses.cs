using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;

namespace Onboarding.Application.JourneyClient;

/// <summary>
/// What this process learns of journeys' orchestrations as their episodes end, so that an input
/// route learns that its input was applied from a signal instead of polling Durable's instance
/// table. Only the local host feeds it: it sees every commit of its task hub (it runs the only
/// worker, and wraps the orchestration service), reports each committed custom status, and what this
/// class holds for an instance is the truth (<see cref="Authoritative"/>).
/// On Flex Consumption nothing feeds it: HTTP functions and Durable functions run on separate
/// instances (per-function scaling), so no episode ever ends in the process of a waiting input
/// route, and the routes poll Durable's instance table (docs/deploy.md "Costs and limits").
/// </summary>
public sealed class CommittedStatuses
{
    /// <summary>Instances remembered at most; the oldest are forgotten first (a fall back to a read).</summary>
    const int MaxRemembered = 20_000;

    readonly ConcurrentDictionary<string, Entry> latest = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TaskCompletionSource> next = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> remembered = new();

    /// <summary>A committed custom status (serialized) and runtime status of an instance.</summary>
    public sealed record Entry(string? CustomStatus, OrchestrationRuntimeStatus RuntimeStatus);

    /// <summary>True when every commit of the task hub is reported here (the local host).</summary>
    public bool Authoritative { get; private set; }

    /// <summary>The host reports every commit: what is held for an instance is its committed state.</summary>
    public void ReportEveryCommit() => Authoritative = true;

    /// <summary>An episode of <paramref name="instanceId"/> was committed with this status.</summary>
    public void Committed(string instanceId, string? customStatus, OrchestrationRuntimeStatus runtimeStatus)
    {
        if (latest.TryAdd(instanceId, new Entry(customStatus, runtimeStatus)))
        {
            remembered.Enqueue(instanceId);
            while (remembered.Count > MaxRemembered && remembered.TryDequeue(out string? oldest))
            {
                latest.TryRemove(oldest, out _);
            }
        }
        else
        {
            latest[instanceId] = new Entry(customStatus, runtimeStatus);
        }

        Moved(instanceId);
    }

    /// <summary>An episode of <paramref name="instanceId"/> moved: its waiters look again.</summary>
    void Moved(string instanceId)
    {
        if (next.TryRemove(instanceId, out TaskCompletionSource? waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>The instance's history was purged: nothing is known of it any more.</summary>
    public void Forget(string instanceId)
    {
        latest.TryRemove(instanceId, out _);
        Moved(instanceId);
    }

    /// <summary>The instance's committed state, when this process saw it and sees every commit.</summary>
    public Entry? Latest(string instanceId) => Authoritative && latest.TryGetValue(instanceId, out Entry? entry) ? entry : null;

    /// <summary>Completes the next time the instance moves (or when <paramref name="cancellationToken"/> fires).</summary>
    public async Task NextMoveAsync(string instanceId, TimeSpan within, CancellationToken cancellationToken)
    {
        TaskCompletionSource move = next.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await move.Task.WaitAsync(within, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Not moved in time: an instance that never moves again (or moves on another app
            // instance) must not keep its entry for ever. A waiter sharing it falls back to its own pause.
            next.TryRemove(KeyValuePair.Create(instanceId, move));
        }
    }
}
