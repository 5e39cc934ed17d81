using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Retention;

namespace Onboarding.Functions;

/// <summary>
/// The retention sweep on a timer. The Functions host runs a schedule on one instance at a time
/// (its own blob lease); the sweep's lease row guards it as well, as on the local host.
/// </summary>
public sealed class RetentionFunctions(RetentionSweeper sweeper)
{
    [Function("RetentionSweep")]
    public Task Sweep(
        [TimerTrigger(RetentionSweeper.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        sweeper.RunAsync(durable, cancellationToken);
}
