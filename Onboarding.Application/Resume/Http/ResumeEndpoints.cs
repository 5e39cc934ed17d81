using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.HumanCheck;
using Onboarding.Application.HumanCheck.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Resume;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Resume.Http;

/// <summary>
/// Ways back into a journey on any device: using one a message carried (<c>POST
/// /api/journeys/{id}/resume</c>), and asking for one by e-mail on the start page (<c>POST
/// /api/resume-links</c>, answered alike for every address).
/// </summary>
public sealed class ResumeEndpoints(
    ApiCall api, JourneyAccess access, JourneyProgressReader reader, ResumeLinks ways, ResumeMailer mailer, HumanCheckGate humanCheck, RequestLimits limits)
{
    /// <summary>The way back, used: this device gets a journey token of its own (<c>200</c>, as a start answers); a wrong, used or expired link is the usual <c>404</c>.</summary>
    public Task<IResult> ResumeAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        ResumeRequest body = await RequestBody.ReadJsonAsync<ResumeRequest>(request);
        if (string.IsNullOrEmpty(body.Token))
        {
            throw Problems.Validation("token", "The token from the link is required.");
        }

        if (!JourneySecrets.IsToken(body.Token))
        {
            throw Problems.Validation("token", "Must be the resume token of the link: 43 characters of A-Z, a-z, 0-9, '-' and '_'.");
        }

        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await access.FindAsync(journeyId, cancellationToken) is not { } record
            || await ways.RedeemAsync(journeyId, body.Token, cancellationToken) is not { } deviceToken)
        {
            throw Problems.JourneyNotFound();
        }

        JourneyProgress progress = (await reader.ReadAsync(durable, record, cancellationToken)).Progress;
        return new NoStoreResult(Results.Json(new StartJourneyResponse(journeyId, deviceToken, JourneyStatusView.From(record, progress)), ApiJson.Options));
    });

    /// <summary>
    /// <c>202</c> for every well-formed address — one with a running journey, one without, one
    /// unknown — so nobody learns which are registered; the address's owner gets the way back by e-mail.
    /// </summary>
    public Task<IResult> RequestLinkAsync(HttpRequest request) => api.RunAsync(request, async () =>
    {
        ResumeLinkRequest body = await RequestBody.ReadJsonAsync<ResumeLinkRequest>(request);
        if (!EmailAddress.TryParse(body.Email, out EmailAddress? address, out string? error))
        {
            throw Problems.Validation("email", error!);
        }

        HumanCheckGate.RequireWellFormed(body.HumanCheckToken);
        await humanCheck.RequireAsync(request, body.HumanCheckToken, HumanCheckActions.ResumeLink);
        await limits.TakeResumeLinkAsync(request, address!);
        mailer.Enqueue(address!);
        return new NoStoreResult(Results.StatusCode(StatusCodes.Status202Accepted));
    });
}
