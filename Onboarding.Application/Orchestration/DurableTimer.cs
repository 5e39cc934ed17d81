using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// One durable timer that follows a moving deadline: asking for the same time again returns
/// the running timer; a new time cancels it and starts another; a timer that already fired is
/// started again (the Azure Storage provider can fire up to a second early, and the caller then
/// waits for the rest). Disposing cancels the last one, so a finished wait leaves no timer behind.
/// </summary>
sealed class DurableTimer(TaskOrchestrationContext context) : IDisposable
{
    CancellationTokenSource? cancellation;
    DateTime fireAt;
    Task? timer;

    public Task At(DateTime when)
    {
        if (timer is { IsCompleted: false } && when == fireAt)
        {
            return timer;
        }

        Dispose();
        cancellation = new CancellationTokenSource();
        fireAt = when;
        timer = context.CreateTimer(when, cancellation.Token);
        return timer;
    }

    public void Dispose()
    {
        if (cancellation is not null && timer is { IsCompleted: false })
        {
            cancellation.Cancel();
        }

        cancellation?.Dispose();
        cancellation = null;
        timer = null;
    }
}
