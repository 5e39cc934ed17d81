using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Retention;

namespace Onboarding.LocalHost;

/// <summary>
/// The local twin of the Functions app's timer trigger: runs the retention sweep every
/// <c>Retention:SweepInterval</c>, the first one an interval after the host started.
/// </summary>
public sealed class RetentionSweepService(RetentionSweeper sweeper, DurableTaskClient durable, IOptions<RetentionOptions> options, ILogger<RetentionSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.RunAsync(durable, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Its type only: storage errors quote request URLs, which can hold keys. The next tick tries again.
                logger.LogWarning("The retention sweep failed ({Error}); it runs again in {Interval}", exception.GetType().Name, options.Value.SweepInterval);
            }
        }
    }
}
