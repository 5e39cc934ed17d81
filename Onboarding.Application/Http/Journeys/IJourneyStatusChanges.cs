using Microsoft.DurableTask.Client;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http.Journeys;

/// <summary>
/// Where the event stream learns that a journey's status changed: the one seam between
/// <see cref="JourneyEventsEndpoint"/> and the source of changes. Today <see cref="PolledJourneyStatusChanges"/>
/// polls the orchestration's custom status; an in-process "episode committed" signal can replace it
/// by registering another implementation before <c>AddOnboarding()</c>.
/// </summary>
public interface IJourneyStatusChanges
{
    /// <summary>
    /// The journey's snapshot as soon as its status version is above <paramref name="afterVersion"/>
    /// or its orchestration has stopped; otherwise the latest snapshot once <paramref name="maxWait"/>
    /// has passed (<see cref="TimeSpan.Zero"/>: read once, now).
    /// </summary>
    Task<JourneyProgressReader.Snapshot> WaitAsync(
        DurableTaskClient durable, JourneyRecord record, int afterVersion, TimeSpan maxWait, CancellationToken cancellationToken);
}
