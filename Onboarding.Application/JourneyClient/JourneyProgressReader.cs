using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.JourneyClient;

/// <summary>
/// Reads a journey's progress from its orchestration's custom status — the last committed one this
/// process saw, where it sees every commit, else from Durable's instance table — and waits for it
/// to change: how an input route learns that its input was applied.
/// </summary>
public sealed class JourneyProgressReader(IOptions<JourneyOptions> options, CommittedStatuses commits)
{
    /// <summary>How long an input route waits for its input to be applied (the contract's 10 s).</summary>
    public TimeSpan InputWait => options.Value.InputWait;

    /// <summary>What a journey published: its progress, the inputs it applied last, Durable's runtime status, and a step that keeps failing, if one does.</summary>
    public sealed record Snapshot(JourneyProgress Progress, IReadOnlyList<string> AppliedInputs, OrchestrationRuntimeStatus? RuntimeStatus, StepFailure? StepFailure = null);

    public async Task<Snapshot> ReadAsync(DurableTaskClient durable, JourneyRecord record, CancellationToken cancellationToken)
    {
        if (commits.Latest(record.JourneyId) is { } committed)
        {
            return SnapshotOf(record, committed.CustomStatus, committed.RuntimeStatus);
        }

        OrchestrationMetadata? instance = await durable.GetInstanceAsync(record.JourneyId, getInputsAndOutputs: true, cancellationToken);
        return SnapshotOf(record, instance?.SerializedCustomStatus, instance?.RuntimeStatus);
    }

    Snapshot SnapshotOf(JourneyRecord record, string? customStatus, OrchestrationRuntimeStatus? runtimeStatus)
    {
        JourneyCustomStatus? published = Parse(customStatus);
        return new Snapshot(published?.Progress ?? NotStarted(record), published?.AppliedInputs ?? [], runtimeStatus, published?.StepFailure);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds, <paramref name="wait"/> (by default
    /// <see cref="JourneyOptions.InputWait"/>, the contract's 10 s) runs out, or the orchestration
    /// stopped, or <paramref name="cancellationToken"/> fires after a first read (the request's deadline:
    /// then it returns what it read); returns the last snapshot and whether it held. It looks again whenever the journey
    /// moves (<see cref="CommittedStatuses"/>), and in any case after a pause that grows with the wait.
    /// </summary>
    public async Task<(Snapshot Snapshot, bool Done)> WaitUntilAsync(
        DurableTaskClient durable, JourneyRecord record, Func<Snapshot, bool> done, CancellationToken cancellationToken, TimeSpan? wait = null, TimeSpan? longestPause = null)
    {
        double longestMs = (longestPause ?? TimeSpan.FromMilliseconds(500)).TotalMilliseconds;
        DateTime startedAt = DateTime.UtcNow;
        DateTime giveUpAt = startedAt + (wait ?? options.Value.InputWait);
        double pauseMs = 20;
        Snapshot? last = null;
        while (true)
        {
            // Listen before looking, so that a move between the look and the wait is not missed.
            TimeSpan pause = TimeSpan.FromMilliseconds(commits.Authoritative ? Math.Max(1000, longestMs) : pauseMs);
            Task moved = commits.NextMoveAsync(record.JourneyId, pause, cancellationToken);
            try
            {
                last = await ReadAsync(durable, record, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested && last is not null)
            {
                return (last, false); // the request's deadline (RequestDeadline) ended the wait: answer with what was read
            }

            if (done(last))
            {
                return (last, true);
            }

            if (last.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated || DateTime.UtcNow >= giveUpAt)
            {
                return (last, false);
            }

            // Without a signal for every commit, every look is a read of Durable's instance table: fast at
            // first (most inputs apply within 100–500 ms), then the pause grows with the wait (a quarter of
            // it, 100–500 ms or the given longest pause), so the waiters of a loaded host do not load it further
            // (docs/benchmarks.md).
            await moved;
            if (cancellationToken.IsCancellationRequested)
            {
                return (last, false); // the request's deadline ended the wait
            }

            double capMs = Math.Clamp((DateTime.UtcNow - startedAt).TotalMilliseconds / 4, 100, longestMs);
            pauseMs = Math.Min(capMs, pauseMs * 1.5);
        }
    }

    public static JourneyCustomStatus? Parse(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JourneyCustomStatus>(customStatus, JourneyDataFormat.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a journey shows before its orchestration published anything (the first code is on its way).</summary>
    JourneyProgress NotStarted(JourneyRecord record) =>
        Journey.Begin(options.Value.ToPolicy(), record.CreatedAt.UtcDateTime).Progress;
}
