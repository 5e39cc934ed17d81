using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Events.Http;

/// <summary>
/// <c>GET /api/ops/journeys/{id}/events?from=N</c>: a journey's events from sequence N, as published
/// (the same ids and content), for a consumer that found a gap and for the operators' page. An
/// operator route: the caller is an operator (signed in with the role, or the key), as every <c>/api/ops</c> route.
/// </summary>
public sealed class EventReplayEndpoints(ApiCall api, OperatorAccess operators, JourneyAccess access, JourneyEventLog log, IOptions<EventsOptions> options)
{
    public const string FromParameter = "from";

    public Task<IResult> ReplayAsync(HttpRequest request, string journeyId) => api.RunAsync(request, [FromParameter], async () =>
    {
        operators.Authorize(request);
        int from = 1;
        if (RequestQuery.Single(request, FromParameter) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 1))
        {
            throw Problems.Validation(FromParameter, "Must be a whole number from 1 (the first sequence you want).");
        }

        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        JourneyRecord journey = await access.FindAsync(journeyId, cancellationToken) ?? throw Problems.JourneyNotFound();
        JourneyEventHead? head = await log.HeadAsync(journey.JourneyId, cancellationToken);
        IReadOnlyList<JourneyEvent> events = head is null || from > head.Last ? [] : await log.ReadAsync(journey.JourneyId, from, cancellationToken);
        var page = new JourneyEventPage(
            journey.JourneyId,
            head?.Last ?? 0,
            [.. events.Select(e => JsonSerializer.SerializeToElement(e.ToCloudEvent(options.Value.Source)))]);
        return new NoStoreResult(Results.Json(page, ApiJson.Options));
    });
}
