using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Events.Http;
using Onboarding.Application.Operators.Http;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>
/// The operator routes and page. Anonymous at the Functions level, because a function key would
/// shut out the operators App Service Authentication signs in: each handler asks OperatorAccess
/// (the operator app role in the platform's principal header, or automation's operator key).
/// </summary>
public sealed class OperatorHttpFunctions(OperatorEndpoints operators, EventReplayEndpoints replay)
{
    [Function("ListJourneys")]
    public Task<IResult> ListJourneys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsJourneys)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        operators.ListAsync(request, durable);

    [Function("GetOperatorJourney")]
    public Task<IResult> GetOperatorJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsJourney)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.GetAsync(request, journeyId, durable);

    [Function("EraseJourney")]
    public Task<IResult> EraseJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OpsJourney)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.EraseAsync(request, journeyId, durable);

    [Function("TerminateJourney")]
    public Task<IResult> TerminateJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OpsTerminate)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.TerminateAsync(request, journeyId, durable);

    [Function("UnlockJourney")]
    public Task<IResult> UnlockJourney(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OpsUnlock)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.UnlockAsync(request, journeyId, durable);

    [Function("ReplayJourneyEvents")]
    public Task<IResult> ReplayJourneyEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsJourneyEvents)] HttpRequest request,
        string journeyId) =>
        replay.ReplayAsync(request, journeyId);

    [Function("Funnel")]
    public Task<IResult> Funnel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsFunnel)] HttpRequest request) =>
        operators.FunnelAsync(request);

    [Function("OperatorActions")]
    public Task<IResult> Actions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsActions)] HttpRequest request) =>
        operators.ActionsAsync(request);

    [Function("OperatorPage")]
    public Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsPage)] HttpRequest request) =>
        operators.PageAsync(request);

    [Function("OperatorPageFile")]
    public Task<IResult> PageFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsPageFile)] HttpRequest request,
        string file) =>
        OperatorPage.ServeFileAsync(file);
}
