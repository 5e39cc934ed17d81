using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Development;

namespace Onboarding.Functions;

/// <summary>
/// The /dev routes (the outbox, the events the local topic took and the sandbox bank's statements), answering 404 unless
/// <c>Onboarding:EnableDevelopmentRoutes</c> is set — then Program has wired their handlers.
/// </summary>
public sealed class DevelopmentHttpFunctions(IServiceProvider services, IOptions<OnboardingOptions> options)
{
    [Function("DevOutbox")]
    public Task<IResult> DevOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevOutbox)] HttpRequest request) =>
        IfEnabled(dev => dev.ShowOutboxAsync(request));

    [Function("DevOutboxMessages")]
    public Task<IResult> DevOutboxMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevOutboxMessages)] HttpRequest request) =>
        IfEnabled(dev => dev.ListMessagesAsync(request));

    [Function("DevBankTransfers")]
    public Task<IResult> DevBankTransfers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevBankTransfers)] HttpRequest request) =>
        IfEnabled(dev => dev.ListTransfersAsync(request));

    [Function("DevEvents")]
    public Task<IResult> DevEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DevEvents)] HttpRequest request) =>
        IfEnabled(dev => dev.ListEventsAsync(request));

    Task<IResult> IfEnabled(Func<DevEndpoints, Task<IResult>> handler) =>
        options.Value.EnableDevelopmentRoutes ? handler(services.GetRequiredService<DevEndpoints>()) : Task.FromResult(Problems.NotFound().ToResult());
}
