using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Journeys;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Http;

/// <summary>
/// Reads a journey's progress from its orchestration's custom status, and waits for it to
/// change: how an input route learns that its input was applied.
/// </summary>
public sealed class JourneyProgressReader(IOptions<JourneyOptions> options)
{
    static readonly JsonSerializerOptions CustomStatusJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Snapshot(JourneyProgress Progress, IReadOnlyList<string> AppliedInputs, OrchestrationRuntimeStatus? RuntimeStatus);

    public async Task<Snapshot> ReadAsync(DurableTaskClient durable, JourneyRecord record, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(record.JourneyId, getInputsAndOutputs: true, cancellationToken);
        JourneyCustomStatus? published = Parse(instance?.SerializedCustomStatus);
        return new Snapshot(published?.Progress ?? NotStarted(record), published?.AppliedInputs ?? [], instance?.RuntimeStatus);
    }

    /// <summary>
    /// Polls until <paramref name="done"/> holds or <see cref="JourneyOptions.InputWait"/> runs out
    /// (the contract's 10 s), or the orchestration stopped, or <paramref name="cancellationToken"/> fires
    /// after a first read (the request's deadline). Returns the last snapshot and whether it held.
    /// </summary>
    public async Task<(Snapshot Snapshot, bool Done)> WaitUntilAsync(
        DurableTaskClient durable, JourneyRecord record, Func<Snapshot, bool> done, CancellationToken cancellationToken)
    {
        DateTime startedAt = DateTime.UtcNow;
        DateTime giveUpAt = startedAt + options.Value.InputWait;
        double pauseMs = 20;
        Snapshot? last = null;
        while (true)
        {
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

            // Every read queries Durable's instances table. Fast at first (most inputs apply within 100–500 ms),
            // then the pause grows with the wait (a quarter of it, 100–500 ms), so the waiters of a loaded host
            // do not load it further (docs/benchmarks.md has the before/after numbers).
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(pauseMs), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return (last, false);
            }

            double capMs = Math.Clamp((DateTime.UtcNow - startedAt).TotalMilliseconds / 4, 100, 500);
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
            return JsonSerializer.Deserialize<JourneyCustomStatus>(customStatus, CustomStatusJson);
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
