using Azure.Messaging;

namespace Onboarding.EventConsumer;

/// <summary>
/// The consumer's web app: <c>/events</c> is the Event Grid webhook (the CloudEvents abuse-protection
/// handshake on <c>OPTIONS</c>, deliveries on <c>POST</c>), <c>GET /journeys/{id}</c> shows what it
/// applied. Tests build it the same way, on a port of their own.
/// </summary>
public static class ConsumerApp
{
    public const string WebhookPath = "/events";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddOptions<ConsumerOptions>().BindConfiguration(ConsumerOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JourneyEventInbox>();
        builder.Services.AddHttpClient<GapFiller>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<GapFiller>());

        WebApplication app = builder.Build();
        app.MapMethods(WebhookPath, ["OPTIONS"], Handshake);
        app.MapPost(WebhookPath, ReceiveAsync);
        app.MapGet("/journeys/{journeyId}", (string journeyId, JourneyEventInbox inbox) =>
            inbox.Find(journeyId) is { } journey ? Results.Json(journey) : Results.NotFound());
        return app;
    }

    /// <summary>
    /// Event Grid asks, before its first delivery to a CloudEvents webhook, whether this endpoint takes
    /// its events: <c>WebHook-Request-Origin</c> in, the same origin allowed out (CloudEvents HTTP webhook spec, 4.1).
    /// </summary>
    static IResult Handshake(HttpContext context)
    {
        string? origin = context.Request.Headers["WebHook-Request-Origin"].FirstOrDefault();
        if (string.IsNullOrEmpty(origin))
        {
            return Results.BadRequest();
        }

        context.Response.Headers["WebHook-Allowed-Origin"] = origin;
        context.Response.Headers["WebHook-Allowed-Rate"] = "*";
        context.Response.Headers.Allow = "POST";
        return Results.Ok();
    }

    /// <summary>
    /// A delivery: one event (<c>application/cloudevents+json</c>), or an array when the subscription
    /// batches. 200 once taken; 400 for what is not an event (Event Grid does not retry it); a failure
    /// of ours is a 500, which Event Grid retries.
    /// </summary>
    static async Task<IResult> ReceiveAsync(HttpRequest request, JourneyEventInbox inbox)
    {
        CloudEvent[] events;
        try
        {
            events = CloudEvent.ParseMany(await BinaryData.FromStreamAsync(request.Body, request.HttpContext.RequestAborted));
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return Results.BadRequest();
        }

        foreach (CloudEvent cloudEvent in events)
        {
            inbox.Take(cloudEvent);
        }

        return Results.Ok();
    }
}
