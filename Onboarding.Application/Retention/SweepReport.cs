using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Onboarding.Application.Operators;

namespace Onboarding.Application.Retention;

/// <summary>
/// What one retention sweep did, action by action (each also counted in the metric
/// <c>onboarding.retention.actions</c>), and a guard that lets one journey's failure not stop the sweep.
/// </summary>
public sealed class SweepReport(JourneyMetrics metrics, ILogger logger)
{
    public const string Failed = "failed";

    readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => counts;

    public int this[string action] => counts.GetValueOrDefault(action);

    public void Count(string action, int times = 1)
    {
        if (times > 0)
        {
            counts.AddOrUpdate(action, times, (_, count) => count + times);
            metrics.RetentionAction(action, times);
        }
    }

    /// <summary>Runs one journey's step; a failure is logged (its type only: messages may quote keys) and counted, and the sweep goes on.</summary>
    public async Task GuardAsync(string step, string journeyId, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not (SweepLeaseLostException or OperationCanceledException))
        {
            logger.LogWarning("Retention sweep: {Step} of journey {JourneyId} failed ({Error}); the next sweep tries again", step, journeyId, exception.GetType().Name);
            Count(Failed);
        }
    }

    public override string ToString() =>
        counts.IsEmpty ? "nothing to do" : string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
}
