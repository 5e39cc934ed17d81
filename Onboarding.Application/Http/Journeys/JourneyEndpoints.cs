using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.Journeys;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Http.Journeys;

/// <summary><c>POST /api/journeys</c>, <c>GET</c> and <c>DELETE /api/journeys/{id}</c>.</summary>
public sealed class JourneyEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyInputs inputs,
    JourneyProgressReader reader,
    JourneyStarter starter,
    IdempotentStarts idempotency,
    JourneyMetrics metrics,
    IOptions<JourneyOptions> options)
{
    public Task<IResult> StartAsync(HttpRequest request, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        StartJourneyRequest body = await RequestBody.ReadJsonAsync<StartJourneyRequest>(request);
        JourneyApplicant applicant = Validate(body);

        string? idempotencyKey = request.Headers["Idempotency-Key"].Count switch
        {
            0 => null,
            1 => request.Headers["Idempotency-Key"][0],
            _ => throw Problems.Validation("Idempotency-Key", "Send the header once."),
        };
        (string journeyId, string token, string? keyHash) = idempotencyKey is null
            ? (JourneySecrets.NewJourneyId(), JourneySecrets.NewToken(), null)
            : await idempotency.ReserveAsync(
                idempotencyKey, IdempotentStarts.BodyHash(body), () => (JourneySecrets.NewJourneyId(), JourneySecrets.NewToken()), request.HttpContext.RequestAborted);

        JourneyRecord record = await starter.StartAsync(durable, applicant, journeyId, token, keyHash, request.HttpContext.RequestAborted);
        metrics.JourneyStarted(applicant.Region, applicant.Language);

        // Answer once the first code is on its way (or after the usual wait), so the status is the real one.
        JourneyProgress status = (await reader.WaitUntilAsync(
            durable, record, snapshot => snapshot.Progress.Version > 0, request.HttpContext.RequestAborted)).Snapshot.Progress;

        request.HttpContext.Response.Headers.Location = $"/api/journeys/{journeyId}";
        return new NoStoreResult(Results.Json(
            new StartJourneyResponse(journeyId, token, JourneyStatusView.From(record, status)),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted));
    });

    public Task<IResult> GetStatusAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        JourneyProgress progress = (await reader.ReadAsync(durable, record, request.HttpContext.RequestAborted)).Progress;
        return JourneyInputs.StatusResult(record, progress, StatusCodes.Status200OK);
    });

    public Task<IResult> CancelAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        JourneyStage[] open = Enum.GetValues<JourneyStage>().Where(stage => !stage.IsTerminal()).ToArray();
        JourneyProgress before = await inputs.RequireStageAsync(request, durable, record, open);
        (JourneyProgress progress, _) = await inputs.RaiseAndWaitAsync(
            request, durable, record, before, JourneyEvents.JourneyCancelled, new JourneyCancelled(ByOperator: false, Reason: null));
        return JourneyInputs.StatusResult(record, progress, StatusCodes.Status202Accepted);
    });

    JourneyApplicant Validate(StartJourneyRequest body)
    {
        var errors = new ValidationErrors();
        if (!EmailAddress.TryParse(body.Email, out EmailAddress? email, out string? emailError))
        {
            errors.Add("email", emailError!);
        }

        string? region = Regions.Normalize(body.Region);
        if (region is null)
        {
            errors.Add("region", string.IsNullOrEmpty(body.Region)
                ? "A region is required (an ISO 3166-1 alpha-2 code such as \"US\")."
                : "Must be an ISO 3166-1 alpha-2 code such as \"US\".");
        }

        if (!PhoneNumber.TryParse(body.PhoneNumber, region, out PhoneNumber? phone, out string? phoneError))
        {
            errors.Add("phoneNumber", phoneError!);
        }

        string? language = Languages.Normalize(body.Language);
        if (language is null)
        {
            errors.Add("language", $"Must be one of: {string.Join(", ", Languages.All)}.");
        }

        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }

        if (!options.Value.SupportedRegionSet().Contains(region!))
        {
            throw Problems.RegionNotSupported(region!);
        }

        return new JourneyApplicant(email!, region!, phone!, language!);
    }
}

public sealed record StartJourneyResponse(string JourneyId, string JourneyToken, JourneyStatusView Status);
