using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Events.Http;
using Onboarding.Development;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Operators.Http;
using Onboarding.Application.PersonalData.Http;
using Onboarding.Application.Registration.Http;
using Onboarding.Application.Verification.Http;
using Onboarding.Application.Resume.Http;
using Onboarding.Application.Http.Web;
using Onboarding.Application.Http;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;

namespace Onboarding.LocalHost;

/// <summary>Binds the contract's routes to the shared handlers — the local twin of the Functions app's triggers.</summary>
public static class OnboardingRoutes
{
    public static void MapOnboarding(this WebApplication app)
    {
        app.MapPost(Path(ApiRoutes.Journeys), (HttpRequest r, JourneyEndpoints e, DurableTaskClient d) => e.StartAsync(r, d));
        app.MapGet(Path(ApiRoutes.Journey), (HttpRequest r, string journeyId, JourneyEndpoints e, DurableTaskClient d) => e.GetStatusAsync(r, journeyId, d));
        app.MapDelete(Path(ApiRoutes.Journey), (HttpRequest r, string journeyId, JourneyEndpoints e, DurableTaskClient d) => e.CancelAsync(r, journeyId, d));

        app.MapPost(Path(ApiRoutes.PhoneCode), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.SubmitPhoneCodeAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.PhoneCodeResend), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.ResendPhoneCodeAsync(r, journeyId, d));
        app.MapGet(Path(ApiRoutes.EmailConfirmation), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.ShowEmailConfirmationAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.EmailConfirmation), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.ConfirmEmailAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.EmailConfirmationResend), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.ResendEmailLinkAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.Profile), (HttpRequest r, string journeyId, RegistrationEndpoints e, DurableTaskClient d) => e.SubmitProfileAsync(r, journeyId, d));

        app.MapPost(Path(ApiRoutes.Verification), (HttpRequest r, string journeyId, VerificationEndpoints e, DurableTaskClient d) => e.RequestVerificationAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.DepositAmounts), (HttpRequest r, string journeyId, VerificationEndpoints e, DurableTaskClient d) => e.SubmitDepositAmountsAsync(r, journeyId, d));
        app.MapGet(Path(ApiRoutes.JourneyEvents), (HttpRequest r, string journeyId, JourneyEventsEndpoint e, DurableTaskClient d) => e.StreamAsync(r, journeyId, d));

        app.MapPost(Path(ApiRoutes.Resume), (HttpRequest r, string journeyId, ResumeEndpoints e, DurableTaskClient d) => e.ResumeAsync(r, journeyId, d));
        app.MapPost(Path(ApiRoutes.ResumeLinks), (HttpRequest r, ResumeEndpoints e) => e.RequestLinkAsync(r));
        app.MapGet(Path(ApiRoutes.RegistrationOptions), (HttpRequest r, RegistrationOptionsEndpoint e) => e.GetAsync(r));

        app.MapPost(Path(ApiRoutes.Erase), (HttpRequest r, string journeyId, ErasureEndpoints e, DurableTaskClient d) => e.EraseAsync(r, journeyId, d));

        // Each operator handler checks who the operator is (OperatorAccess), as on Azure.
        RouteGroupBuilder ops = app.MapGroup("");
        ops.MapGet(Path(ApiRoutes.OpsJourneys), (HttpRequest r, OperatorEndpoints e, DurableTaskClient d) => e.ListAsync(r, d));
        ops.MapGet(Path(ApiRoutes.OpsJourney), (HttpRequest r, string journeyId, OperatorEndpoints e, DurableTaskClient d) => e.GetAsync(r, journeyId, d));
        ops.MapDelete(Path(ApiRoutes.OpsJourney), (HttpRequest r, string journeyId, OperatorEndpoints e, DurableTaskClient d) => e.EraseAsync(r, journeyId, d));
        ops.MapPost(Path(ApiRoutes.OpsTerminate), (HttpRequest r, string journeyId, OperatorEndpoints e, DurableTaskClient d) => e.TerminateAsync(r, journeyId, d));
        ops.MapPost(Path(ApiRoutes.OpsUnlock), (HttpRequest r, string journeyId, OperatorEndpoints e, DurableTaskClient d) => e.UnlockAsync(r, journeyId, d));
        ops.MapGet(Path(ApiRoutes.OpsJourneyEvents), (HttpRequest r, string journeyId, EventReplayEndpoints e) => e.ReplayAsync(r, journeyId));
        ops.MapGet(Path(ApiRoutes.OpsFunnel), (HttpRequest r, OperatorEndpoints e) => e.FunnelAsync(r));
        ops.MapGet(Path(ApiRoutes.OpsActions), (HttpRequest r, OperatorEndpoints e) => e.ActionsAsync(r));
        app.MapGet(Path(ApiRoutes.OpsPage), (HttpRequest r, OperatorEndpoints e) => e.PageAsync(r));
        app.MapGet(Path(ApiRoutes.OpsPageFile), (string file) => OperatorPage.ServeFileAsync(file));

        app.MapGet(Path(ApiRoutes.Health), (HttpRequest r, SystemEndpoints e, DurableTaskClient d) => e.HealthAsync(r, d));
        app.MapGet(Path(ApiRoutes.OpenApi), (HttpRequest r, SystemEndpoints e) => e.OpenApiAsync(r));
        app.MapGet(Path(ApiRoutes.WebApp), (HttpRequest r) => WebApp.ServePageAsync(r));
        app.MapGet(Path(ApiRoutes.WebAppFile), (HttpRequest r, string file) => WebApp.ServeAsync(r, file));

        if (app.Services.GetRequiredService<IOptions<OnboardingOptions>>().Value.EnableDevelopmentRoutes)
        {
            app.MapGet(Path(ApiRoutes.DevOutbox), (HttpRequest r, DevEndpoints e) => e.ShowOutboxAsync(r));
            app.MapGet(Path(ApiRoutes.DevOutboxMessages), (HttpRequest r, DevEndpoints e) => e.ListMessagesAsync(r));
            app.MapGet(Path(ApiRoutes.DevBankTransfers), (HttpRequest r, DevEndpoints e) => e.ListTransfersAsync(r));
            app.MapGet(Path(ApiRoutes.DevEvents), (HttpRequest r, DevEndpoints e) => e.ListEventsAsync(r));
        }
    }

    static string Path(string route) => "/" + route;
}
