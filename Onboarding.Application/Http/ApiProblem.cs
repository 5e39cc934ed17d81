using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Onboarding.Application.Http;

/// <summary>
/// An answer of the contract's error kind: the framework's <see cref="ProblemDetails"/> (RFC 9457)
/// with a machine-readable <c>code</c>, made by <see cref="Problems"/>. Handlers throw it
/// (<see cref="ApiCall"/> answers with it) or return <see cref="ToResult"/>.
/// </summary>
public sealed class ApiProblem : Exception
{
    public ApiProblem(ProblemDetails details, TimeSpan? retryAfter)
        : base(details.Detail)
    {
        Details = details;
        RetryAfter = retryAfter;
        if (RetryAfterSeconds is { } seconds)
        {
            // In the body too: a page on another origin cannot read Retry-After on Azure, where the
            // Functions host's CORS exposes no response header (docs/deploy.md "Browsers on other origins").
            details.Extensions["retryAfter"] = seconds;
        }
    }

    public ProblemDetails Details { get; }

    public int Status => Details.Status ?? StatusCodes.Status500InternalServerError;

    public string Code => Details.Extensions.TryGetValue("code", out object? code) ? code as string ?? "" : "";

    /// <summary>When the client may try again, sent as <c>Retry-After</c> and as the member <c>retryAfter</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary><see cref="RetryAfter"/> in whole seconds (at least one), as both are sent.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;

    public IResult ToResult() => new ProblemResult(this);
}
