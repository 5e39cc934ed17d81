using Azure;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Events;

/// <summary>
/// Sends events to the Event Grid topic with the official client (CloudEvents 1.0, one batch, in the
/// order given). A failure is an answer, never an exception: the caller leaves the events to the
/// relay. After the topic failed to answer (or throttled), publishing pauses for
/// <see cref="EventsOptions.PauseAfterFailure"/> (or the topic's <c>Retry-After</c>), so steps do not
/// wait on a topic that is down; a refusal of the events themselves (another 4xx) pauses nothing.
/// </summary>
public sealed partial class JourneyEventPublisher(EventGridPublisherClient client, IOptions<EventsOptions> options, TimeProvider time, ILogger<JourneyEventPublisher> logger)
{
    long pausedUntilTicks;

    /// <summary>True while publishing pauses after a failure.</summary>
    public bool Paused => time.GetUtcNow().UtcTicks < Interlocked.Read(ref pausedUntilTicks);

    /// <summary>Whether the topic accepted every event, is not answering as it should, or refused these events.</summary>
    public async Task<PublishOutcome> PublishAsync(IReadOnlyList<JourneyEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return PublishOutcome.Published;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await client.SendEventsAsync(events.Select(e => e.ToCloudEvent(options.Value.Source)), timeout.Token);
            Interlocked.Exchange(ref pausedUntilTicks, 0);
            return PublishOutcome.Published;
        }
        catch (RequestFailedException refused) when (refused.Status is >= 400 and < 500 and not (408 or 429))
        {
            // Not an outage: the topic refused these events (or our credentials). Retrying them pauses nothing else.
            Refused(logger, events.Count, refused.Status);
            return PublishOutcome.Refused;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            TimeSpan pause = options.Value.PauseAfterFailure;
            if (exception is RequestFailedException { Status: 429 } throttled && RetryAfter(throttled) is { } asked && asked > pause)
            {
                pause = asked;
            }

            Interlocked.Exchange(ref pausedUntilTicks, (time.GetUtcNow() + pause).UtcTicks);
            // The status only: an answer can quote the request's URL.
            NotPublished(logger, events.Count, exception is RequestFailedException failed ? failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : exception.GetType().Name, pause);
            return PublishOutcome.Unavailable;
        }
    }

    static TimeSpan? RetryAfter(RequestFailedException exception) =>
        exception.GetRawResponse()?.Headers.TryGetValue("Retry-After", out string? value) == true
        && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, 3600))
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The topic did not take {Count} journey event(s) ({Answer}); the relay publishes them, steps leave it to the relay for {Pause}")]
    static partial void NotPublished(ILogger logger, int count, string answer, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Error, Message = "The topic refused {Count} journey event(s) with {Status}; they stay on the relay's list")]
    static partial void Refused(ILogger logger, int count, int status);
}
