using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// At most one waiter per event for the whole orchestration. The Durable Task SDK hands an
/// event to the newest waiter of its name, even one the orchestrator stopped listening to (a
/// wait left behind when a cycle ended), and that event is then lost. So a wait left behind is
/// kept and reused by the next wait for the same event, which then gets whatever arrived.
/// </summary>
sealed class JourneyInbox(TaskOrchestrationContext context)
{
    readonly Dictionary<string, Task> pending = new(StringComparer.Ordinal);

    /// <summary>The waiter for the next <typeparamref name="T"/>: the one already pending, or a new one.</summary>
    public Task<T> Next<T>() where T : JourneyInputEvent, IJourneyEvent
    {
        if (!pending.TryGetValue(T.Name, out Task? waiter))
        {
            pending[T.Name] = waiter = context.WaitForExternalEvent<T>(T.Name);
        }

        return (Task<T>)waiter;
    }

    /// <summary>Takes the event a completed waiter received; the next <see cref="Next{T}"/> waits for another.</summary>
    public T Take<T>(Task<T> completed) where T : JourneyInputEvent, IJourneyEvent
    {
        pending.Remove(T.Name);
        return completed.Result;
    }
}
