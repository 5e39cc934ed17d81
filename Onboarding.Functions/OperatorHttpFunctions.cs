using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Http.Operators;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>The operator routes: <c>AuthorizationLevel.Function</c>, so the host checks <c>x-functions-key</c>.</summary>
public sealed class OperatorHttpFunctions(OperatorEndpoints operators)
{
    [Function("ListJourneys")]
    public Task<IResult> ListJourneys(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.OpsJourneys)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        operators.ListAsync(request, durable);

    [Function("GetOperatorJourney")]
    public Task<IResult> GetOperatorJourney(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.OpsJourney)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.GetAsync(request, journeyId, durable);

    [Function("EraseJourney")]
    public Task<IResult> EraseJourney(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.OpsJourney)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.EraseAsync(request, journeyId, durable);

    [Function("TerminateJourney")]
    public Task<IResult> TerminateJourney(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.OpsTerminate)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.TerminateAsync(request, journeyId, durable);

    [Function("UnlockJourney")]
    public Task<IResult> UnlockJourney(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.OpsUnlock)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        operators.UnlockAsync(request, journeyId, durable);

    [Function("Funnel")]
    public Task<IResult> Funnel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.OpsFunnel)] HttpRequest request) =>
        operators.FunnelAsync(request);

    /// <summary>The page itself is static and anonymous; every call it makes sends the key the operator typed.</summary>
    [Function("OperatorPage")]
    public Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpsPage)] HttpRequest request) =>
        OperatorPage.ServeAsync(request);
}
