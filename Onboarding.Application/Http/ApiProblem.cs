using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Onboarding.Application.Http;

/// <summary>
/// An answer of the contract's error kind: the framework's <see cref="ProblemDetails"/> (RFC 9457)
/// with a machine-readable <c>code</c>, made by <see cref="Problems"/>. Handlers throw it
/// (<see cref="ApiCall"/> answers with it) or return <see cref="ToResult"/>.
/// </summary>
public sealed class ApiProblem(ProblemDetails details, TimeSpan? retryAfter) : Exception(details.Detail)
{
    public ProblemDetails Details { get; } = details;

    public int Status => Details.Status ?? StatusCodes.Status500InternalServerError;

    public string Code => Details.Extensions.TryGetValue("code", out object? code) ? code as string ?? "" : "";

    /// <summary>When the client may try again, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public IResult ToResult() => new ProblemResult(this);
}
