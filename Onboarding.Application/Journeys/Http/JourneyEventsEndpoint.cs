using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;
using Onboarding.Domain.Limits;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// <c>GET /api/journeys/{id}/events</c>: the journey's status as Server-Sent Events — <c>event: status</c>,
/// <c>id</c> the status version, <c>data</c> the JourneyStatus — whenever the version moves on. Authorised
/// with the bearer token like every journey route (browsers read it with <c>fetch</c>, not EventSource,
/// so no token ever goes into a URL). A connection lasts <see cref="JourneyOptions.EventStreamLifetime"/>;
/// the client reconnects with <c>Last-Event-ID</c> and gets only what is newer. Opening one is a read
/// (<see cref="ReadLimits"/>) and is counted per journey across instances
/// (<c>Limits:StreamsPerJourneyPerMinute</c>); on this instance a client holds at most
/// <c>Limits:StreamsPerClient</c> streams and a journey <c>Limits:StreamsPerJourney</c>, its newest
/// closing its oldest (<see cref="OpenStreams"/>).
/// </summary>
public sealed class JourneyEventsEndpoint(
    ApiCall api,
    JourneyAccess access,
    JourneyProgressReader reader,
    RequestLimits limits,
    ClientAddresses clients,
    OpenStreams streams,
    IHostApplicationLifetime host,
    IOptions<JourneyOptions> options,
    JourneyMetrics metrics,
    ILogger<JourneyEventsEndpoint> logger)
{
    /// <summary>A comment line this often keeps proxies from closing a quiet stream.</summary>
    static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Where no signal comes for every commit (Azure), a quiet stream reads the status this often at most.</summary>
    static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>What the client waits before reconnecting (the SSE <c>retry</c> field).</summary>
    const int ReconnectMilliseconds = 1000;

    public Task<IResult> StreamAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        int lastSeen = LastEventId(request);
        OpenStreams.Slot slot = streams.Reserve(clients.CountedAs(request)) ?? throw RefusedForClient();
        try
        {
            await limits.TakeStreamOpenAsync(record, request.HttpContext.RequestAborted);
        }
        catch
        {
            slot.Dispose();
            throw;
        }

        slot.Open(journeyId);
        return new EventStream(this, durable, record, lastSeen, slot);
    });

    ApiProblem RefusedForClient()
    {
        metrics.Refused(LimitNames.StreamsPerClient);
        return Problems.TooManyRequests(LimitNames.StreamsPerClient, "Your network holds as many live updates open as it may. Close one, or read the status instead.", TimeSpan.FromSeconds(30));
    }

    /// <summary>Nothing will change any more: the orchestration has ended.</summary>
    public static bool Stopped(JourneyProgressReader.Snapshot snapshot) =>
        snapshot.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed;

    /// <summary>The version the client last received (-1: none, send the current status).</summary>
    static int LastEventId(HttpRequest request)
    {
        var values = request.Headers["Last-Event-ID"];
        if (values.Count == 0)
        {
            return -1;
        }

        if (values.Count == 1 && values[0] is { Length: > 0 and <= 9 } text && text.All(char.IsAsciiDigit))
        {
            return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        throw Problems.Validation("Last-Event-ID", "Must be the id of the last event received: a status version (a whole number), sent once.");
    }

    async Task WriteAsync(HttpContext context, DurableTaskClient durable, JourneyRecord record, int lastSeen, OpenStreams.Slot slot)
    {
        using OpenStreams.Slot held = slot;
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // reverse proxies: pass each event on at once
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, host.ApplicationStopping, slot.Closed);
        end.CancelAfter(options.Value.EventStreamLifetime);
        try
        {
            await SendAsync(response, $"retry: {ReconnectMilliseconds}\n\n", end.Token);
            TimeSpan wait = TimeSpan.Zero; // the first read answers at once: a new client gets the current status
            while (true)
            {
                int seen = lastSeen;
                (JourneyProgressReader.Snapshot now, _) = await reader.WaitUntilAsync(
                    durable, record, snapshot => snapshot.Progress.Version > seen || Stopped(snapshot), end.Token, wait, LongestPause);
                if (now.Progress.Version > lastSeen)
                {
                    string data = JsonSerializer.Serialize(JourneyStatusView.From(record, now.Progress), ApiJson.Options);
                    await SendAsync(response, $"id: {now.Progress.Version.ToString(CultureInfo.InvariantCulture)}\nevent: status\ndata: {data}\n\n", end.Token);
                    lastSeen = now.Progress.Version;
                }
                else if (wait > TimeSpan.Zero)
                {
                    await SendAsync(response, ": keep-alive\n\n", end.Token);
                }

                if (Stopped(now))
                {
                    return;
                }

                wait = Heartbeat;
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // the connection's lifetime is over, a newer stream of the journey replaced it, the client left,
            // or the host is stopping: the client reconnects
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or IOException or RpcException)
        {
            // The status is already streaming, so no problem+json can follow: end it, and the client reconnects.
            logger.LogWarning(exception, "The event stream of a journey ended on a dependency failure");
        }
    }

    static async Task SendAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    sealed class EventStream(JourneyEventsEndpoint endpoint, DurableTaskClient durable, JourneyRecord record, int lastSeen, OpenStreams.Slot slot) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => endpoint.WriteAsync(httpContext, durable, record, lastSeen, slot);
    }
}
