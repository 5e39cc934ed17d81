using Microsoft.Azure.Functions.Worker;
using Onboarding.Application.Events;

namespace Onboarding.Functions;

/// <summary>
/// The event relay on a timer: every minute, the journeys' events that the steps recording them could
/// not publish (the topic was slow or down) go out, in order per journey. An idle pass is one query.
/// </summary>
public sealed class EventRelayFunctions(JourneyEventDelivery delivery)
{
    [Function("EventRelay")]
    public Task Relay([TimerTrigger(JourneyEventDelivery.RelaySchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        delivery.RelayAsync(cancellationToken);
}
