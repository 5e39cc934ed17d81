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

    /// <summary>How long an input route waits for its input to be applied (the contract's 10 s).</summary>
    public TimeSpan InputWait => options.Value.InputWait;

    public sealed record Snapshot(JourneyProgress Progress, IReadOnlyList<string> AppliedInputs, OrchestrationRuntimeStatus? RuntimeStatus);

    public async Task<Snapshot> ReadAsync(DurableTaskClient durable, JourneyRecord record, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(record.JourneyId, getInputsAndOutputs: true, cancellationToken);
        JourneyCustomStatus? published = Parse(instance?.SerializedCustomStatus);
        return new Snapshot(published?.Progress ?? NotStarted(record), published?.AppliedInputs ?? [], instance?.RuntimeStatus);
    }

    /// <summary>
    /// Polls until <paramref name="done"/> holds or <paramref name="wait"/> (by default
    /// <see cref="JourneyOptions.InputWait"/>, the contract's 10 s) runs out, or the orchestration
    /// stopped. Returns the last snapshot and whether it held.
    /// </summary>
    public async Task<(Snapshot Snapshot, bool Done)> WaitUntilAsync(
        DurableTaskClient durable, JourneyRecord record, Func<Snapshot, bool> done, CancellationToken cancellationToken, TimeSpan? wait = null)
    {
        DateTime startedAt = DateTime.UtcNow;
        DateTime giveUpAt = startedAt + (wait ?? options.Value.InputWait);
        double pauseMs = 20;
        while (true)
        {
            Snapshot now = await ReadAsync(durable, record, cancellationToken);
            if (done(now))
            {
                return (now, true);
            }

            if (now.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated || DateTime.UtcNow >= giveUpAt)
            {
                return (now, false);
            }

            // Every read queries Durable's instances table. Fast at first (most inputs apply within 100–500 ms),
            // then the pause grows with the wait (a quarter of it, 100–500 ms), so the waiters of a loaded host
            // do not load it further (docs/benchmarks.md has the before/after numbers).
            await Task.Delay(TimeSpan.FromMilliseconds(pauseMs), cancellationToken);
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
