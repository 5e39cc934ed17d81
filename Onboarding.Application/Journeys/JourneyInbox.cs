using Microsoft.DurableTask;

namespace Onboarding.Application.Journeys;

/// <summary>
/// At most one waiter per event name for the whole orchestration. The Durable Task SDK hands an
/// event to the newest waiter of its name, even one the orchestrator stopped listening to (a
/// wait left behind when a cycle ended), and that event is then lost. So a wait left behind is
/// kept and reused by the next wait for the same event, which then gets whatever arrived.
/// </summary>
sealed class JourneyInbox(TaskOrchestrationContext context)
{
    readonly Dictionary<string, Task> pending = new(StringComparer.Ordinal);

    /// <summary>The waiter for the next <paramref name="eventName"/>: the one already pending, or a new one.</summary>
    public Task<T> Next<T>(string eventName)
    {
        if (!pending.TryGetValue(eventName, out Task? waiter))
        {
            pending[eventName] = waiter = context.WaitForExternalEvent<T>(eventName);
        }

        return (Task<T>)waiter;
    }

    /// <summary>Takes the event a completed waiter received; the next <see cref="Next{T}"/> waits for another.</summary>
    public T Take<T>(string eventName, Task<T> completed)
    {
        pending.Remove(eventName);
        return completed.Result;
    }
}
