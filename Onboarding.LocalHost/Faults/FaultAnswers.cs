namespace Onboarding.LocalHost.Faults;

/// <summary>How a stand-in of an Azure service (ACS, Event Grid) answers when a fault rule picks its request: as the service does.</summary>
public static class FaultAnswers
{
    /// <summary>The answer of the fault rule in force for this request to <paramref name="target"/>, or null to serve it.</summary>
    public static async Task<IResult?> AnswerAsync(HttpContext context, DevFaults faults, FaultTarget target)
    {
        FaultRule? fault = faults.Pick(target, FaultMode.Throttle, FaultMode.Unavailable, FaultMode.Hang);
        switch (fault?.Mode)
        {
            case null:
                return null;
            case FaultMode.Throttle:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Error(429, "TooManyRequests", "The request was throttled (injected fault).");
            case FaultMode.Hang:
                TimeSpan hold = faults.Remaining(fault) is { } left ? TimeSpan.FromTicks(Math.Max(0, left.Ticks)) : Timeout.InfiniteTimeSpan;
                try
                {
                    await Task.Delay(hold, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty; // the client gave up, as it should
                }

                return Error(503, "ServiceUnavailable", "The service did not answer in time (injected fault).");
            default:
                return Error(503, "ServiceUnavailable", "The service is unavailable (injected fault).");
        }
    }

    /// <summary>The error body Azure's services answer with.</summary>
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
