using Microsoft.Azure.Functions.Worker;
using Onboarding.Application.Events;

namespace Onboarding.Functions;

/// <summary>
/// The event relay on a timer: every minute, the journeys' events that the steps recording them could
/// not publish (the topic was slow or down) go out, in order per journey. An idle pass is one query.
/// </summary>
public sealed class EventRelayFunctions(JourneyEventDelivery delivery)
{
    public const string Schedule = "0 * * * * *";

    [Function("EventRelay")]
    public Task Relay([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        delivery.RelayAsync(cancellationToken);
}
