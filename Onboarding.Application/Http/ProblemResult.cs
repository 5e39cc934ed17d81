using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Application.Contract;

namespace Onboarding.Application.Http;

/// <summary>
/// An <see cref="ApiProblem"/> as the response, the same on both hosts: its problem details as
/// <c>application/problem+json</c> written by the framework's JSON result with the contract's
/// <see cref="ApiJson.Options"/> (not the host's JSON options, which <c>ProblemHttpResult</c>
/// would use), <c>Cache-Control: no-store</c>, and <c>Retry-After</c> in whole seconds when the problem has one (its body says it as <c>retryAfter</c>).
/// </summary>
public sealed class ProblemResult(ApiProblem problem) : IResult
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    public ApiProblem Problem { get; } = problem;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        IHeaderDictionary headers = httpContext.Response.Headers;
        headers.CacheControl = "no-store";
        if (Problem.RetryAfterSeconds is { } seconds)
        {
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Json<ProblemDetails>(Problem.Details, ApiJson.Options, ContentType, Problem.Status).ExecuteAsync(httpContext);
    }
}
