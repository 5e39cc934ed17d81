using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Registration.Http;
using Onboarding.Application.Verification.Http;
using Onboarding.Application.Resume.Http;
using Onboarding.Application.Http;
using Onboarding.Application.Verification;

namespace Onboarding.Functions;

/// <summary>
/// The journey routes. Anonymous at the Functions level: each handler checks the journey
/// token (or the e-mail link token) itself, as the contract requires.
/// </summary>
public sealed class JourneyHttpFunctions(
    JourneyEndpoints journeys,
    RegistrationEndpoints registration,
    VerificationEndpoints verification,
    JourneyEventsEndpoint events,
    ResumeEndpoints resume,
    RegistrationOptionsEndpoint registrationOptions)
{
    [Function("GetRegistrationOptions")]
    public Task<IResult> GetRegistrationOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationOptions)] HttpRequest request) =>
        registrationOptions.GetAsync(request);

    [Function("ResumeJourney")]
    public Task<IResult> ResumeJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Resume)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        resume.ResumeAsync(request, journeyId, durable);

    [Function("RequestResumeLink")]
    public Task<IResult> RequestResumeLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ResumeLinks)] HttpRequest request) =>
        resume.RequestLinkAsync(request);

    [Function("StartJourney")]
    public Task<IResult> StartJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Journeys)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        journeys.StartAsync(request, durable);

    [Function("GetJourney")]
    public Task<IResult> GetJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Journey)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        journeys.GetStatusAsync(request, journeyId, durable);

    [Function("CancelJourney")]
    public Task<IResult> CancelJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Journey)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        journeys.CancelAsync(request, journeyId, durable);

    [Function("SubmitPhoneCode")]
    public Task<IResult> SubmitPhoneCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PhoneCode)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.SubmitPhoneCodeAsync(request, journeyId, durable);

    [Function("ResendPhoneCode")]
    public Task<IResult> ResendPhoneCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PhoneCodeResend)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.ResendPhoneCodeAsync(request, journeyId, durable);

    [Function("ShowEmailConfirmation")]
    public Task<IResult> ShowEmailConfirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.EmailConfirmation)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.ShowEmailConfirmationAsync(request, journeyId, durable);

    [Function("ConfirmEmail")]
    public Task<IResult> ConfirmEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EmailConfirmation)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.ConfirmEmailAsync(request, journeyId, durable);

    [Function("ResendEmailLink")]
    public Task<IResult> ResendEmailLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EmailConfirmationResend)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.ResendEmailLinkAsync(request, journeyId, durable);

    [Function("SubmitProfile")]
    public Task<IResult> SubmitProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Profile)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        registration.SubmitProfileAsync(request, journeyId, durable);

    [Function("RequestVerification")]
    public Task<IResult> RequestVerification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Verification)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        verification.RequestVerificationAsync(request, journeyId, durable);

    [Function("SubmitDepositAmounts")]
    public Task<IResult> SubmitDepositAmounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.DepositAmounts)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        verification.SubmitDepositAmountsAsync(request, journeyId, durable);

    /// <summary>Server-Sent Events: the ASP.NET Core integration streams what the result writes, event by event.</summary>
    [Function("JourneyEvents")]
    public Task<IResult> JourneyEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.JourneyEvents)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        events.StreamAsync(request, journeyId, durable);
}
