using Microsoft.DurableTask.Client;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http.Journeys;

/// <summary>
/// Learns of status changes by reading the orchestration's custom status at an adaptive interval:
/// 250 ms after a change (inputs tend to come in bursts), growing to 2 s while nothing happens,
/// so that an idle stream costs one instance read every 2 s.
/// </summary>
public sealed class PolledJourneyStatusChanges(JourneyProgressReader reader, TimeProvider time) : IJourneyStatusChanges
{
    static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    public async Task<JourneyProgressReader.Snapshot> WaitAsync(
        DurableTaskClient durable, JourneyRecord record, int afterVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        DateTimeOffset giveUpAt = time.GetUtcNow() + maxWait;
        TimeSpan pause = FirstPause;
        while (true)
        {
            JourneyProgressReader.Snapshot now = await reader.ReadAsync(durable, record, cancellationToken);
            TimeSpan left = giveUpAt - time.GetUtcNow();
            if (now.Progress.Version > afterVersion || JourneyEventsEndpoint.Stopped(now) || left <= TimeSpan.Zero)
            {
                return now;
            }

            await Task.Delay(pause < left ? pause : left, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, (long)(pause.Ticks * 1.5)));
        }
    }
}
