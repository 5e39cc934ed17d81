using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http.Development;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>Health, the OpenAPI document, and the /dev routes (answering 404 unless enabled).</summary>
public sealed class SystemHttpFunctions(SystemEndpoints system, DevEndpoints dev, IOptions<OnboardingOptions> options)
{
    [Function("Health")]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        system.HealthAsync(request, durable);

    [Function("OpenApi")]
    public Task<IResult> OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        system.OpenApiAsync(request);

    [Function("DevOutbox")]
    public Task<IResult> DevOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevOutbox)] HttpRequest request) =>
        IfEnabled(() => dev.ShowOutboxAsync(request));

    [Function("DevOutboxMessages")]
    public Task<IResult> DevOutboxMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevOutboxMessages)] HttpRequest request) =>
        IfEnabled(() => dev.ListMessagesAsync(request));

    [Function("DevBankTransfers")]
    public Task<IResult> DevBankTransfers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevBankTransfers)] HttpRequest request) =>
        IfEnabled(() => dev.ListTransfersAsync(request));

    Task<IResult> IfEnabled(Func<Task<IResult>> handler) =>
        options.Value.EnableDevelopmentRoutes ? handler() : Task.FromResult(Problems.NotFound().ToResult());
}
