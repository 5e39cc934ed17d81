using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.HumanCheck;
using Onboarding.Application.HumanCheck.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Operators;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Registration.Http;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Journeys.Http;

/// <summary><c>POST /api/journeys</c>, <c>GET</c> and <c>DELETE /api/journeys/{id}</c>.</summary>
public sealed class JourneyEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyInputRoutes inputs,
    JourneyProgressReader reader,
    JourneyStarter starter,
    IdempotentStarts idempotency,
    JourneyRecords records,
    HumanCheckGate humanCheck,
    RequestLimits limits,
    JourneyMetrics metrics,
    IOptions<JourneyOptions> options,
    IOptions<LimitsOptions> limitOptions)
{
    public Task<IResult> StartAsync(HttpRequest request, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        StartJourneyRequest body = await RequestBody.ReadJsonAsync<StartJourneyRequest>(request);
        Applicant applicant = Validate(body);

        string? idempotencyKey = request.Headers["Idempotency-Key"].Count switch
        {
            0 => null,
            1 => IdempotentStarts.Validate(request.Headers["Idempotency-Key"][0] ?? ""),
            _ => throw Problems.Validation("Idempotency-Key", "Send the header once."),
        };
        string bodyHash = IdempotentStarts.BodyHash(body);

        // A replay of a start whose journey exists answers as the first one did; anything else is a
        // new start, checked and counted before anything is written or sent.
        bool replay = idempotencyKey is not null && await idempotency.FindAsync(idempotencyKey, bodyHash, cancellationToken) is { } first
            && await records.FindAsync(first.JourneyId, cancellationToken) is not null;
        if (!replay)
        {
            await humanCheck.RequireAsync(request, body.HumanCheckToken, HumanCheckActions.Start);
            // The address is not looked at: the start answers alike whether it is free, confirmed by a running
            // journey or registered; its owner learns which at the link step (SendEmailLink).
            await limits.TakeStartAttemptAsync(request);
            await limits.TakeNewJourneyAsync(applicant, cancellationToken);
        }

        (string journeyId, string token, string? keyHash) = idempotencyKey is null
            ? (JourneySecrets.NewJourneyId(), JourneySecrets.NewToken(), null)
            : await idempotency.ReserveAsync(
                idempotencyKey, bodyHash, () => (JourneySecrets.NewJourneyId(), JourneySecrets.NewToken()), cancellationToken);

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
        return JourneyInputRoutes.StatusResult(record, progress, StatusCodes.Status200OK);
    });

    public Task<IResult> CancelAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, InputKind.Cancellation);
        (JourneyProgress progress, _) = await inputs.RaiseAndWaitAsync(request, durable, record, before, new JourneyCancelled(ByOperator: false, Reason: null));
        return JourneyInputRoutes.StatusResult(record, progress, StatusCodes.Status202Accepted);
    });

    Applicant Validate(StartJourneyRequest body)
    {
        var errors = new ValidationErrors();
        Applicant? applicant = Applicant.TryCreate(body.Email, body.Region, body.PhoneNumber, body.Language, body.Nationality, errors);
        if (applicant is null)
        {
            throw Problems.Validation(errors);
        }

        HumanCheckGate.RequireWellFormed(body.HumanCheckToken);
        if (options.Value.Eligibility().Check(applicant) is { } refusal)
        {
            if (refusal == Ineligibility.PhoneCountryNotSupported)
            {
                metrics.Refused("phone-country");
            }

            throw Problems.Ineligible(refusal, applicant);
        }

        if (!limitOptions.Value.Destinations().Sends(applicant.Phone.Country))
        {
            metrics.Refused("phone-country");
            throw Problems.SmsDestinationClosed(applicant.Phone.Country);
        }

        return applicant;
    }
}

public sealed record StartJourneyResponse(string JourneyId, string JourneyToken, JourneyStatusView Status);
