using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Journeys;

/// <summary>
/// Reads a journey's progress from its orchestration's custom status, and waits for it to
/// move past a version: how an input route learns that its input was applied.
/// </summary>
public sealed class JourneyProgressReader(IOptions<JourneyOptions> options)
{
    static readonly JsonSerializerOptions CustomStatusJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Snapshot(JourneyProgress Progress, OrchestrationRuntimeStatus? RuntimeStatus);

    public async Task<Snapshot> ReadAsync(DurableTaskClient durable, JourneyRecord record, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(record.JourneyId, getInputsAndOutputs: true, cancellationToken);
        JourneyProgress progress = Parse(instance?.SerializedCustomStatus) ?? NotStarted(record);
        return new Snapshot(progress, instance?.RuntimeStatus);
    }

    /// <summary>
    /// Polls until the version passes <paramref name="version"/> or <see cref="JourneyOptions.InputWait"/>
    /// runs out (the contract's 10 s). Returns the progress, and whether it moved.
    /// </summary>
    public async Task<(JourneyProgress Progress, bool Moved)> WaitPastAsync(
        DurableTaskClient durable, JourneyRecord record, JourneyProgress before, CancellationToken cancellationToken)
    {
        TimeSpan wait = options.Value.InputWait;
        DateTime giveUpAt = DateTime.UtcNow + wait;
        TimeSpan pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            Snapshot now = await ReadAsync(durable, record, cancellationToken);
            if (now.Progress.Version > before.Version)
            {
                return (now.Progress, true);
            }

            if (now.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated || DateTime.UtcNow >= giveUpAt)
            {
                return (before, false);
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(100, pause.TotalMilliseconds * 1.5));
        }
    }

    public static JourneyProgress? Parse(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JourneyProgress>(customStatus, CustomStatusJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a journey shows before its orchestration published anything (the first code is on its way).</summary>
    JourneyProgress NotStarted(JourneyRecord record)
    {
        JourneyPolicy policy = options.Value.ToPolicy();
        return new JourneyProgress(JourneyStage.AwaitingPhoneCode, null, policy.MaxCodeAttempts, policy.MaxResends, null, null, record.CreatedAt.UtcDateTime, 0);
    }
}
