using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Onboarding.Application.JourneyClient;

namespace Onboarding.Functions;

/// <summary>
/// The Functions host's part of the commit signal: when an invocation of the journey's orchestrator
/// function has run, its instance is hinted as moved (<see cref="CommittedStatuses.Moved"/>), so an
/// input route of this app instance waiting for it reads its status at once instead of after its
/// next pause. The host commits the episode just after: the waiter's read confirms, and if it is a
/// moment early, the next read does. Routes on other instances of the app keep polling.
/// </summary>
public sealed class JourneyEpisodeMiddleware(CommittedStatuses commits) : IFunctionsWorkerMiddleware
{
    /// <summary>Where the orchestrator function leaves its instance id for this middleware.</summary>
    public const string InstanceIdItem = "Onboarding.JourneyInstanceId";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.Items.TryGetValue(InstanceIdItem, out object? instanceId) && instanceId is string journeyId)
        {
            commits.Moved(journeyId);
        }
    }
}
