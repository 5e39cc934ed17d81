using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Operators;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.JourneyClient;

/// <summary>
/// How an input reaches a journey: raise the event and wait (up to 10 s) for the journey to apply
/// it. The input routes (<c>Http/JourneyInputRoutes</c>) ask the domain first whether the published
/// progress takes it; the retention sweep raises its cancellation here too.
/// </summary>
public sealed class JourneyInputs(JourneyProgressReader reader, JourneyMetrics metrics, TimeProvider time)
{
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

    /// <summary>
    /// Raises an input the journey took already (stored, and named by the event) once more, without waiting:
    /// the request that stored it may have died before raising it; the journey applies it once.
    /// </summary>
    public Task RedeliverAsync<TEvent>(DurableTaskClient durable, JourneyRecord record, TEvent input, CancellationToken cancellationToken)
        where TEvent : JourneyInputEvent, IJourneyEvent =>
        durable.RaiseEventAsync(record.JourneyId, TEvent.Name, input with { InputId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) }, cancellationToken);

    static readonly TimeSpan CancellationResendAfter = TimeSpan.FromSeconds(2);
}
