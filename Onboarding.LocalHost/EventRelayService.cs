using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Events;

namespace Onboarding.LocalHost;

/// <summary>
/// The local twin of the Functions app's event relay timer: publishes, every <c>Events:RelayInterval</c>,
/// the events that the steps recording them could not publish.
/// </summary>
public sealed class EventRelayService(JourneyEventDelivery delivery, IOptions<EventsOptions> options, ILogger<EventRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await delivery.RelayAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Its type only: storage errors quote request URLs. The next tick tries again.
                logger.LogWarning("The event relay failed ({Error}); it runs again in {Interval}", exception.GetType().Name, options.Value.RelayInterval);
            }
        }
    }
}
