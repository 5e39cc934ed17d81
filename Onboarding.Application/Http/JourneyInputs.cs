using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Journeys;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Http;

/// <summary>
/// How every input route hands an input to a journey: check that the stage takes it, raise the
/// event, and wait (up to 10 s) for the journey to apply it — 200 with the new status, or 202
/// with the status from before, which the client then polls.
/// </summary>
public sealed class JourneyInputs(JourneyProgressReader reader, JourneyMetrics metrics)
{
    /// <summary>The journey's progress, if its stage is one of <paramref name="stages"/>; else 409 stage-mismatch.</summary>
    public async Task<JourneyProgress> RequireStageAsync(HttpRequest request, DurableTaskClient durable, JourneyRecord record, params JourneyStage[] stages) =>
        RequireStage(await reader.ReadAsync(durable, record, request.HttpContext.RequestAborted), stages);

    /// <summary>The progress of a snapshot just read, if its stage is one of <paramref name="stages"/>; else 409 stage-mismatch.</summary>
    public static JourneyProgress RequireStage(JourneyProgressReader.Snapshot now, params JourneyStage[] stages)
    {
        if (now.Progress.Version == 0)
        {
            // Nothing published yet: the orchestration has not run, or its first run was lost in a
            // crash and is being redone; the storage provider drops events for it until then.
            throw Problems.JourneyStarting();
        }

        bool running = now.RuntimeStatus is null or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
        if (!running || !stages.Contains(now.Progress.Stage))
        {
            throw Problems.StageMismatch(now.Progress.Stage);
        }

        return now.Progress;
    }

    /// <summary>
    /// Raises the input and waits until the journey lists it as applied: the progress after it,
    /// or, if the wait ran out, <paramref name="before"/> (the contract's pre-input status).
    /// </summary>
    public async Task<(JourneyProgress Progress, bool Applied)> RaiseAndWaitAsync(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, string eventName, JourneyInputEvent input)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        string inputId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        long started = Stopwatch.GetTimestamp();
        await durable.RaiseEventAsync(record.JourneyId, eventName, input with { InputId = inputId }, cancellationToken);
        (JourneyProgressReader.Snapshot after, bool applied) = await reader.WaitUntilAsync(
            durable, record, snapshot => snapshot.AppliedInputs.Contains(inputId), cancellationToken);
        metrics.InputApplied(eventName, Stopwatch.GetElapsedTime(started), applied);
        return (applied ? after.Progress : before, applied);
    }

    /// <summary>Raises the input and answers with the status: 200 once applied, else 202.</summary>
    public async Task<IResult> ApplyAsync(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, string eventName, JourneyInputEvent input)
    {
        (JourneyProgress progress, bool applied) = await RaiseAndWaitAsync(request, durable, record, before, eventName, input);
        return StatusResult(record, progress, applied ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    public static IResult StatusResult(JourneyRecord record, JourneyProgress progress, int status) =>
        new NoStoreResult(Results.Json(JourneyStatusView.From(record, progress), ApiJson.Options, statusCode: status));
}
