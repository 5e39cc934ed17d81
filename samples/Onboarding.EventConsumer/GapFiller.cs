using System.Net;
using Azure.Messaging;
using Microsoft.Extensions.Options;

namespace Onboarding.EventConsumer;

/// <summary>
/// Replays what Event Grid did not bring: every <see cref="ConsumerOptions.GapCheckInterval"/>, for each
/// journey with a sequence missing longer than <see cref="ConsumerOptions.GapWait"/>, asks Onboarding's
/// replay route for its events from the first missing one and takes them like deliveries (repeats are
/// ignored). A <c>404</c> means Onboarding no longer knows the journey: it is forgotten.
/// </summary>
public sealed partial class GapFiller(HttpClient http, JourneyEventInbox inbox, IOptions<ConsumerOptions> options, ILogger<GapFiller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GapCheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach ((string journeyId, int from) in inbox.GapsOlderThan(options.Value.GapWait))
            {
                try
                {
                    await ReplayAsync(journeyId, from, stoppingToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    ReplayFailed(logger, journeyId, exception.GetType().Name); // the next tick tries again
                }
            }
        }
    }

    /// <summary>Takes the journey's events from <paramref name="from"/> on, page by page.</summary>
    public async Task ReplayAsync(string journeyId, int from, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{options.Value.OnboardingUrl.TrimEnd('/')}/api/ops/journeys/{journeyId}/events?from={from}");
            request.Headers.Add("x-functions-key", options.Value.OperatorKey);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                inbox.Forget(journeyId);
                return;
            }

            response.EnsureSuccessStatusCode();
            using System.Text.Json.JsonDocument page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            CloudEvent[] events = CloudEvent.ParseMany(BinaryData.FromString(page.RootElement.GetProperty("events").GetRawText()));
            foreach (CloudEvent cloudEvent in events)
            {
                inbox.Take(cloudEvent);
            }

            int last = page.RootElement.GetProperty("lastSequence").GetInt32();
            int through = events.Length == 0 ? last : int.Parse((string)events[^1].ExtensionAttributes["sequence"], System.Globalization.CultureInfo.InvariantCulture);
            if (events.Length == 0 || through >= last)
            {
                return;
            }

            from = through + 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying the events of journey {JourneyId} failed ({Error}); trying again")]
    static partial void ReplayFailed(ILogger logger, string journeyId, string error);
}
