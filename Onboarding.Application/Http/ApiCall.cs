using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;

namespace Onboarding.Application.Http;

/// <summary>
/// Runs a handler and maps what it throws to the contract's problem+json in one place: an
/// <see cref="ApiProblem"/> as itself, anything else as a logged 500 that shows no internals.
/// </summary>
public sealed class ApiCall(ILogger<ApiCall> logger, IOptions<OnboardingOptions> options)
{
    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        using RequestDeadline deadline = RequestDeadline.Begin(request.HttpContext, options.Value.RequestTimeout);
        try
        {
            return await handler();
        }
        catch (ApiProblem problem)
        {
            return ProblemResult(problem);
        }
        catch (Exception exception) when (deadline.Passed)
        {
            logger.LogWarning(exception, "{Method} {Route} ran out of time on a dependency", request.Method, RouteOf(request));
            return ProblemResult(Problems.Unavailable());
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client went away
        }
        catch (Exception exception) when (Transient(exception))
        {
            logger.LogWarning(exception, "{Method} {Route} failed on a dependency", request.Method, RouteOf(request));
            return ProblemResult(Problems.Unavailable());
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Method} {Route} failed", request.Method, RouteOf(request));
            return ProblemResult(Problems.Internal());
        }
    }

    public static IResult ProblemResult(ApiProblem problem)
    {
        var body = new JsonObject
        {
            ["type"] = "about:blank",
            ["status"] = problem.Status,
            ["title"] = problem.Title,
            ["detail"] = problem.Detail,
            ["code"] = problem.Code,
        };
        if (problem.Errors is { } errors)
        {
            var byField = new JsonObject();
            foreach ((string field, string[] messages) in errors)
            {
                byField[field] = new JsonArray(messages.Select(message => (JsonNode?)JsonValue.Create(message)).ToArray());
            }

            body["errors"] = byField;
        }

        if (problem.Extensions is { } extensions)
        {
            foreach ((string name, JsonNode? value) in System.Text.Json.JsonSerializer.SerializeToNode(extensions, ApiJson.Options)!.AsObject())
            {
                body[name] = value?.DeepClone();
            }
        }

        return new ProblemJsonResult(problem.Status, body.ToJsonString(ApiJson.Options), problem.RetryAfter);
    }

    static bool Transient(Exception exception) =>
        exception is Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or HttpRequestException
            or TimeoutException or OperationCanceledException // a dependency's own timeout (e.g. the SDK's network timeout)
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(Transient)) // the SDK's "retry failed after N tries"
            || exception.GetType().FullName == "Grpc.Core.RpcException"; // the Durable Task sidecar is unreachable

    /// <summary>The route template, never the raw path (which holds journey ids) or query (which may hold tokens).</summary>
    static string RouteOf(HttpRequest request) =>
        (request.HttpContext.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)";

    sealed class ProblemJsonResult(int status, string json, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/problem+json; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return response.WriteAsync(json);
        }
    }
}
