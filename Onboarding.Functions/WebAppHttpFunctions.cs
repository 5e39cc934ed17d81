using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Application.Http.Web;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>
/// The web app at the site's root. The optional parameter is what lets a Functions route match
/// <c>/</c> (an empty route means the function's name); literal routes such as <c>/ops</c> take precedence.
/// </summary>
public sealed class WebAppHttpFunctions
{
    [Function("WebApp")]
    public Task<IResult> WebApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.WebApp)] HttpRequest request,
        string? file) =>
        Application.Http.Web.WebApp.ServeAsync(request, file);
}
