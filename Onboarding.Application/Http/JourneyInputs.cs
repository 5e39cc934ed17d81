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
/// How every input route hands an input to a journey: ask the domain whether the published
/// progress takes it (refusing it here otherwise, without raising anything), raise the event,
/// and wait (up to 10 s) for the journey to apply it — 200 with the new status, or 202 with the
/// status from before, which the client then polls.
/// </summary>
public sealed class JourneyInputs(JourneyProgressReader reader, JourneyMetrics metrics, TimeProvider time)
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

    /// <summary>
    /// Raises the input and waits until the journey lists it as applied: the progress after it,
    /// or, if the wait ran out, <paramref name="before"/> (the contract's pre-input status).
    /// </summary>
    /// <remarks>
    /// A cancellation is raised again (with the same input id, which the journey applies once)
    /// while it is not acknowledged and the journey still takes one: an event that arrives in the
    /// very episode in which a generation hands over to the next can be lost, and a cancellation is
    /// the one input that may come at any moment. Every other input is refused at the edge until
    /// the stage that takes it is published, so it reaches the generation that published it.
    /// </remarks>
    public Task<(JourneyProgress Progress, bool Applied)> RaiseAndWaitAsync<TEvent>(
        HttpRequest request, DurableTaskClient durable, JourneyRecord record, JourneyProgress before, TEvent input)
        where TEvent : JourneyInputEvent, IJourneyEvent =>
        RaiseAndWaitAsync(durable, record, before, input, request.HttpContext.RequestAborted);

    /// <inheritdoc cref="RaiseAndWaitAsync{TEvent}(HttpRequest, DurableTaskClient, JourneyRecord, JourneyProgress, TEvent)"/>
    public async Task<(JourneyProgress Progress, bool Applied)> RaiseAndWaitAsync<TEvent>(
        DurableTaskClient durable, JourneyRecord record, JourneyProgress before, TEvent input, CancellationToken cancellationToken)
        where TEvent : JourneyInputEvent, IJourneyEvent
    {
        TEvent identified = input with { InputId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };
        long started = Stopwatch.GetTimestamp();
        TimeSpan? eachWait = TEvent.Kind == InputKind.Cancellation ? CancellationResendAfter : null;
        JourneyProgressReader.Snapshot after;
        bool applied;
        do
        {
            await durable.RaiseEventAsync(record.JourneyId, TEvent.Name, identified, cancellationToken);
            (after, applied) = await reader.WaitUntilAsync(
                durable, record, snapshot => snapshot.AppliedInputs.Contains(identified.InputId), cancellationToken, eachWait);
        }
        while (!applied && eachWait is not null && Stopwatch.GetElapsedTime(started) < reader.InputWait
            && after.Progress.Accepts(TEvent.Kind, time.GetUtcNow().UtcDateTime).IsAccepted);

        metrics.InputApplied(TEvent.Name, Stopwatch.GetElapsedTime(started), applied);
        return (applied ? after.Progress : before, applied);
    }

    static readonly TimeSpan CancellationResendAfter = TimeSpan.FromSeconds(2);

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
