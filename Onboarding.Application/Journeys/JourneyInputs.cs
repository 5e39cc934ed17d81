using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Http;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Journeys;

/// <summary>
/// How every input route hands an input to a journey: check that the stage takes it, raise the
/// event, and wait (up to 10 s) for the journey to apply it — 200 with the new status, or 202
/// with the status from before, which the client then polls.
/// </summary>
public sealed class JourneyInputs(JourneyProgressReader reader)
{
    /// <summary>The journey's progress, if its stage is one of <paramref name="stages"/>; else 409 stage-mismatch.</summary>
    public async Task<JourneyProgress> RequireStageAsync(HttpRequest request, DurableTaskClient durable, JourneyRecord record, params JourneyStage[] stages)
    {
        JourneyProgressReader.Snapshot now = await reader.ReadAsync(durable, record, request.HttpContext.RequestAborted);
        bool running = now.RuntimeStatus is null or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
        if (!running || !stages.Contains(now.Progress.Stage))
        {
            throw Problems.StageMismatch(now.Progress.Stage);
        }

        return now.Progress;
    }

    public async Task<(JourneyProgress Progress, bool Applied)> RaiseAndWaitAsync(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, string eventName, object payload)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        await durable.RaiseEventAsync(record.JourneyId, eventName, payload, cancellationToken);
        return await reader.WaitPastAsync(durable, record, before, cancellationToken);
    }

    /// <summary>Raises the input and answers with the status: 200 (or <paramref name="appliedStatus"/>) once applied, else 202.</summary>
    public async Task<IResult> ApplyAsync(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, string eventName, object payload, int appliedStatus = 200)
    {
        (JourneyProgress progress, bool applied) = await RaiseAndWaitAsync(request, durable, record, before, eventName, payload);
        return StatusResult(record, progress, applied ? appliedStatus : 202);
    }

    public static IResult StatusResult(JourneyRecord record, JourneyProgress progress, int status) =>
        new NoStoreResult(Results.Json(JourneyStatusView.From(record, progress), ApiJson.Options, statusCode: status));
}
