using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.Options;
using Onboarding.Development;
using Onboarding.LocalHost.Faults;

namespace Onboarding.LocalHost.EventGrid;

/// <summary>
/// A stand-in for an Event Grid topic (CloudEvents 1.0 input schema) on the local host:
/// <c>POST /eventgrid/api/events</c>, as the official <c>EventGridPublisherClient</c> sends it — a
/// JSON array of CloudEvents, <c>application/cloudevents-batch+json</c>, the key as <c>aeg-sas-key</c>.
/// It checks what Event Grid checks (the key, the media type, each event's required attributes, 1 MB),
/// records each event as it arrived (<c>/dev/events</c>, the outbox page) and hands it to the
/// subscribers' deliveries. A fault rule in force answers instead, as Event Grid does when it
/// throttles or is down, and takes nothing.
/// </summary>
public static class LocalEventGridEndpoint
{
    public const string Route = "/eventgrid/api/events";
    const int MaxBatchBytes = 1024 * 1024;

    public static void MapLocalEventGrid(this WebApplication app) => app.MapPost(Route, PublishAsync);

    static async Task<IResult> PublishAsync(HttpContext context, DevEvents received, EventSubscribers subscribers, IOptions<LocalEventGridOptions> options, DevFaults faults, TimeProvider time)
    {
        if (await FaultAnswers.AnswerAsync(context, faults, FaultTarget.EventGrid) is { } faulted)
        {
            return faulted;
        }

        string? key = context.Request.Headers["aeg-sas-key"].FirstOrDefault();
        if (key is null || options.Value.AccessKey.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.Value.AccessKey)))
        {
            return FaultAnswers.Error(401, "Unauthorized", "The request authorization key is not authorized for this topic.");
        }

        if (context.Request.ContentType?.StartsWith("application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return FaultAnswers.Error(400, "BadRequest", "A topic with the CloudEvents 1.0 input schema takes application/cloudevents-batch+json.");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBatchBytes)
        {
            return FaultAnswers.Error(413, "RequestEntityTooLarge", "The batch is larger than 1 MB.");
        }

        JsonElement[] events;
        try
        {
            using JsonDocument batch = JsonDocument.Parse(buffer.ToArray());
            events = [.. batch.RootElement.EnumerateArray().Select(item => item.Clone())];
            CloudEvent.ParseMany(BinaryData.FromBytes(buffer.ToArray())); // id, source, type, specversion 1.0 on each, as Event Grid requires
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return FaultAnswers.Error(400, "BadRequest", "The body is not a JSON array of CloudEvents 1.0.");
        }

        bool dropped = faults.Pick(FaultTarget.EventGrid, FaultMode.Drop) is not null;
        try
        {
            foreach (JsonElement cloudEvent in events)
            {
                await received.RecordAsync(cloudEvent, time.GetUtcNow(), context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or AggregateException or HttpRequestException
            || (exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            return FaultAnswers.Error(503, "ServiceUnavailable", "The local topic's storage is not answering."); // as Event Grid would, never a bare 500
        }

        if (!dropped)
        {
            foreach (JsonElement cloudEvent in events)
            {
                subscribers.Deliver(cloudEvent);
            }
        }

        return Results.Ok();
    }
}
