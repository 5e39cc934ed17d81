using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Http;

/// <summary>
/// Runs a handler and maps what it throws to the contract's problem+json in one place: an
/// <see cref="ApiProblem"/> as itself, anything else as a logged 500 that shows no internals.
/// A JSON route first refuses query parameters it does not declare (<see cref="RequestQuery"/>).
/// </summary>
public sealed class ApiCall(ILogger<ApiCall> logger, IOptions<OnboardingOptions> options)
{
    /// <summary>A JSON route that takes no query parameters.</summary>
    public Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler) => RunAsync(request, [], handler);

    /// <summary>A JSON route that takes the query parameters <paramref name="query"/> (and no others).</summary>
    public Task<IResult> RunAsync(HttpRequest request, string[] query, Func<Task<IResult>> handler) =>
        RunCheckedAsync(request, () =>
        {
            RequestQuery.RequireDeclared(request, query);
            return handler();
        });

    /// <summary>A page a browser opens: parameters it does not know are ignored.</summary>
    public Task<IResult> RunPageAsync(HttpRequest request, Func<Task<IResult>> handler) => RunCheckedAsync(request, handler);

    async Task<IResult> RunCheckedAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        using RequestDeadline deadline = RequestDeadline.Begin(request.HttpContext, options.Value.RequestTimeout);
        try
        {
            return await handler();
        }
        catch (ApiProblem problem)
        {
            return problem.ToResult();
        }
        catch (Exception exception) when (deadline.Passed)
        {
            logger.LogWarning(exception, "{Method} {Route} ran out of time on a dependency", request.Method, RouteOf(request));
            return Problems.Unavailable().ToResult();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client went away
        }
        catch (Exception exception) when (Transient(exception))
        {
            logger.LogWarning(exception, "{Method} {Route} failed on a dependency", request.Method, RouteOf(request));
            return Problems.Unavailable().ToResult();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Method} {Route} failed", request.Method, RouteOf(request));
            return Problems.Internal().ToResult();
        }
    }

    /// <summary>
    /// A dependency failed, not the request: storage (its SDK's failures and timeouts) or the
    /// Durable Task backend, which the client reaches over gRPC (the sidecar locally, the
    /// Functions host on Azure) and whose failures, an unreachable one included, it lets through
    /// as <see cref="RpcException"/>.
    /// </summary>
    static bool Transient(Exception exception) =>
        exception is Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or HttpRequestException or RpcException
            or TimeoutException or OperationCanceledException // a dependency's own timeout (e.g. the SDK's network timeout)
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(Transient)); // the SDK's "retry failed after N tries"

    /// <summary>The route template, never the raw path (which holds journey ids) or query (which may hold tokens).</summary>
    static string RouteOf(HttpRequest request) =>
        (request.HttpContext.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)";
}
