using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Onboarding.LocalHost.EventGrid;

/// <summary>
/// The local topic's push to its webhook subscribers, as Event Grid delivers with the CloudEvents
/// schema: first the abuse-protection handshake (<c>OPTIONS</c> with <c>WebHook-Request-Origin</c>;
/// the subscriber must allow the origin), then each event alone as <c>application/cloudevents+json</c>.
/// 200–204 is delivered; 400, 401, 403 and 413 are dropped at once; anything else is tried again on
/// <see cref="LocalEventGridOptions.Schedule"/>, then dropped (Event Grid would dead-letter it). Like
/// Event Grid it keeps no order: a retried event arrives after later ones. Unlike Event Grid it keeps
/// deliveries in memory: a host that stops loses those under way (the consumer's replay covers it).
/// </summary>
public sealed partial class EventSubscribers(IOptions<LocalEventGridOptions> options, ILogger<EventSubscribers> logger) : BackgroundService
{
    public const string Origin = "eventgrid.azure.net";
    const int Concurrency = 8;

    readonly Channel<JsonElement> queue = Channel.CreateUnbounded<JsonElement>();
    readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(30) }; // Event Grid waits 30 s
    readonly Dictionary<string, Task<bool>> handshakes = new(StringComparer.Ordinal);
    readonly SemaphoreSlim slots = new(Concurrency);

    /// <summary>Queues the event for every subscriber.</summary>
    public void Deliver(JsonElement cloudEvent)
    {
        if (options.Value.Subscribers.Count > 0)
        {
            queue.Writer.TryWrite(cloudEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (JsonElement cloudEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (string subscriber in options.Value.Subscribers)
            {
                await slots.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverWithRetriesAsync(subscriber, cloudEvent, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
    }

    async Task DeliverWithRetriesAsync(string subscriber, JsonElement cloudEvent, CancellationToken stoppingToken)
    {
        IReadOnlyList<TimeSpan> schedule = options.Value.Schedule;
        for (int attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            int? status = await TryOnceAsync(subscriber, cloudEvent, stoppingToken);
            if (status is >= 200 and <= 204)
            {
                return;
            }

            if (status is 400 or 401 or 403 or 413 || attempt >= schedule.Count)
            {
                Dropped(logger, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer", attempt + 1);
                return;
            }

            try
            {
                await Task.Delay(schedule[attempt], stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One delivery: the status the subscriber answered, or null (no answer, or the handshake refused).</summary>
    async Task<int?> TryOnceAsync(string subscriber, JsonElement cloudEvent, CancellationToken stoppingToken)
    {
        try
        {
            if (!await HandshakeAsync(subscriber, stoppingToken))
            {
                return null;
            }

            using var content = new StringContent(cloudEvent.GetRawText());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json; charset=utf-8");
            using var request = new HttpRequestMessage(HttpMethod.Post, subscriber) { Content = content };
            request.Headers.Add("WebHook-Request-Origin", Origin);
            using HttpResponseMessage response = await http.SendAsync(request, stoppingToken);
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The CloudEvents webhook handshake, once per subscriber while it succeeds (tried again after a refusal).</summary>
    Task<bool> HandshakeAsync(string subscriber, CancellationToken stoppingToken)
    {
        lock (handshakes)
        {
            if (!handshakes.TryGetValue(subscriber, out Task<bool>? handshake) || (handshake.IsCompleted && !handshake.Result))
            {
                handshakes[subscriber] = handshake = ValidateAsync(subscriber, stoppingToken);
            }

            return handshake;
        }
    }

    async Task<bool> ValidateAsync(string subscriber, CancellationToken stoppingToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, subscriber);
            request.Headers.Add("WebHook-Request-Origin", Origin);
            request.Headers.Add("WebHook-Request-Rate", "120");
            using HttpResponseMessage response = await http.SendAsync(request, stoppingToken);
            bool allowed = response.Headers.TryGetValues("WebHook-Allowed-Origin", out IEnumerable<string>? origins)
                && origins.Any(origin => origin is Origin or "*");
            if (!allowed)
            {
                HandshakeRefused(logger, (int)response.StatusCode);
            }

            return allowed;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        http.Dispose();
        slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local topic dropped an event after {Attempts} delivery attempt(s) (last answer: {Answer})")]
    static partial void Dropped(ILogger logger, string answer, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber did not allow the topic's origin in the webhook handshake ({Status})")]
    static partial void HandshakeRefused(ILogger logger, int status);
}
