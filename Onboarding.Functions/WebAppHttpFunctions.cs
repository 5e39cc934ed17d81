using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>The web app: its page at the site's root, its files under <c>/app/</c>.</summary>
public sealed class WebAppHttpFunctions
{
    [Function("WebApp")]
    public Task<IResult> WebApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.WebAppFunctionsRoute)] HttpRequest request) =>
        Application.Http.Web.WebApp.ServePageAsync(request);

    [Function("WebAppFile")]
    public Task<IResult> WebAppFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.WebAppFile)] HttpRequest request,
        string file) =>
        Application.Http.Web.WebApp.ServeAsync(request, file);
}
