using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http;

/// <summary>Marks a response as never to be cached: it carries one user's data.</summary>
public sealed class NoStoreResult(IResult inner) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        return inner.ExecuteAsync(httpContext);
    }
}
