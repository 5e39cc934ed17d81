using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>The worker's half of <see cref="SecurityHeaders"/>: every HTTP-triggered function's response gets them.</summary>
public sealed class SecurityHeadersMiddleware(SecurityHeaders headers) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            headers.Apply(http);
        }

        return next(context);
    }
}
