using System.Collections.Concurrent;
using Onboarding.Bench.Users;

namespace Onboarding.Bench.Load;

/// <summary>Latency samples in milliseconds, with nearest-rank percentiles.</summary>
public sealed class Samples
{
    readonly ConcurrentQueue<double> values = new();

    public void Add(TimeSpan latency) => values.Enqueue(latency.TotalMilliseconds);

    public void Add(double milliseconds) => values.Enqueue(milliseconds);

    public int Count => values.Count;

    public double Percentile(double percent)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => values.IsEmpty ? double.NaN : values.Max();

    public static Samples Merge(IEnumerable<Samples> parts)
    {
        var merged = new Samples();
        foreach (Samples part in parts)
        {
            foreach (double value in part.values)
            {
                merged.Add(value);
            }
        }

        return merged;
    }
}

/// <summary>Input latencies by kind, and how many answers were 200 (applied) rather than 202.</summary>
public sealed class InputLatencies
{
    /// <summary>The inputs of a full journey, in order; "start" and "cancel" are kept apart from the overall figure.</summary>
    public static readonly string[] JourneyInputs = ["phoneCode", "emailConfirmation", "profile", "verification", "depositAmounts"];

    readonly ConcurrentDictionary<string, Samples> byKind = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> notAppliedInAnswer = new(StringComparer.Ordinal);

    public void Add(InputSample sample)
    {
        byKind.GetOrAdd(sample.Kind, _ => new Samples()).Add(sample.Latency);
        if (!sample.AppliedInAnswer)
        {
            notAppliedInAnswer.AddOrUpdate(sample.Kind, 1, (_, count) => count + 1);
        }
    }

    public Samples Of(string kind) => byKind.GetValueOrDefault(kind) ?? new Samples();

    public int Accepted(string kind) => notAppliedInAnswer.GetValueOrDefault(kind);

    /// <summary>Every input of the journey (phone code to amounts) together.</summary>
    public Samples Overall => Samples.Merge(JourneyInputs.Select(Of));

    public int AcceptedOverall => JourneyInputs.Sum(Accepted);
}
