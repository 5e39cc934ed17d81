using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Http;

/// <summary>
/// How every input route hands an input to a journey: ask the domain whether the published
/// progress takes it (refusing it here otherwise, without raising anything), raise the event
/// through <see cref="JourneyInputs"/>, and answer 200 with the new status once applied, or 202
/// with the status from before, which the client then polls.
/// </summary>
public sealed class JourneyInputRoutes(JourneyInputs inputs, JourneyProgressReader reader, TimeProvider time)
{
    /// <summary>The journey's progress, if it takes an input of <paramref name="kind"/> now; else the verdict's answer.</summary>
    public async Task<JourneyProgress> RequireAcceptedAsync(HttpRequest request, DurableTaskClient durable, JourneyRecord record, InputKind kind) =>
        RequireAccepted(await reader.ReadAsync(durable, record, request.HttpContext.RequestAborted), kind);

    /// <summary>The progress of a snapshot just read, if it takes an input of <paramref name="kind"/> now; else the verdict's answer.</summary>
    public JourneyProgress RequireAccepted(JourneyProgressReader.Snapshot now, InputKind kind)
    {
        InputVerdict verdict = now.Progress.Accepts(kind, time.GetUtcNow().UtcDateTime);
        bool running = now.RuntimeStatus is null or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
        return verdict switch
        {
            // Nothing published yet: the orchestration has not run, or its first run was lost in a
            // crash and is being redone; the storage provider drops events for it until then.
            InputVerdict.Starting => throw Problems.JourneyStarting(),
            _ when !running => throw Problems.StageMismatch(now.Progress.Stage),
            InputVerdict.Accepted => now.Progress,
            InputVerdict.WrongStage wrong => throw Problems.StageMismatch(wrong.Stage),
            InputVerdict.NoTriesLeft used => throw Problems.NoTriesLeft(used.Limit, used.RetryAfter),
            _ => throw new InvalidOperationException($"Unknown verdict {verdict}."),
        };
    }

    /// <inheritdoc cref="JourneyInputs.RaiseAndWaitAsync{TEvent}(DurableTaskClient, JourneyRecord, JourneyProgress, TEvent, CancellationToken)"/>
    public Task<(JourneyProgress Progress, bool Applied)> RaiseAndWaitAsync<TEvent>(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, TEvent input)
        where TEvent : JourneyInputEvent, IJourneyEvent =>
        inputs.RaiseAndWaitAsync(durable, record, before, input, request.HttpContext.RequestAborted);

    /// <summary>
    /// Refuses an input because the stage or cycle took another one (<c>409 input-already-submitted</c>), and
    /// delivers that one again: it is what the journey decides on, and the request that stored it may have died before raising it.
    /// </summary>
    public async Task<IResult> RefuseForStoredAsync<TEvent>(HttpRequest request, DurableTaskClient durable, JourneyRecord record, TEvent stored, string what)
        where TEvent : JourneyInputEvent, IJourneyEvent
    {
        await inputs.RedeliverAsync(durable, record, stored, request.HttpContext.RequestAborted);
        throw Problems.InputAlreadySubmitted(what);
    }

    /// <summary>Raises the input and answers with the status: 200 once applied, else 202.</summary>
    public async Task<IResult> ApplyAsync<TEvent>(HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, TEvent input)
        where TEvent : JourneyInputEvent, IJourneyEvent
    {
        (JourneyProgress progress, bool applied) = await RaiseAndWaitAsync(request, durable, record, before, input);
        return StatusResult(record, progress, applied ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    public static IResult StatusResult(JourneyRecord record, JourneyProgress progress, int status) =>
        new NoStoreResult(Results.Json(JourneyStatusView.From(record, progress), ApiJson.Options, statusCode: status));
}
