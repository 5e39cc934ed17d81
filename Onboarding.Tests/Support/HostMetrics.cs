using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Onboarding.Application.Operators;

namespace Onboarding.Tests.Support;

/// <summary>A host's metrics, read with OpenTelemetry's in-memory exporter, counted by one tag value at a time.</summary>
public sealed class HostMetrics
{
    readonly LockedCollection<Metric> metrics = new();

    /// <summary>Adds the exporter to a host being built (<see cref="LocalHostInstance.StartAsync"/>'s <c>configure</c>).</summary>
    public void AddTo(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));

    /// <summary>The counts once <paramref name="until"/> holds (or after 30 s).</summary>
    public async Task<Dictionary<string, long>> CountsAsync(LocalHostInstance host, Func<Dictionary<string, long>, bool> until)
    {
        for (int attempt = 0; ; attempt++)
        {
            Dictionary<string, long> counts = Counts(host);
            if (until(counts) || attempt == 300)
            {
                return counts;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// This host's counters and histogram counts by one tag value, e.g. "onboarding.journeys.started|region=US"
    /// (other hosts in the test process have meters of the same name: their instance tag differs).
    /// </summary>
    public Dictionary<string, long> Counts(LocalHostInstance host)
    {
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        string instance = host.Services.GetRequiredService<JourneyMetrics>().Instance;
        var counts = new Dictionary<string, long>();
        Metric[] mine = metrics.Snapshot().Distinct()
            .Where(metric => metric.MeterTags is { } meterTags && meterTags.Any(tag => tag.Key == JourneyMetrics.InstanceTag && Equals(tag.Value, instance)))
            .ToArray();
        foreach (Metric metric in mine)
        {
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                long value = metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    string key = $"{metric.Name}|{tag.Key}={tag.Value}";
                    counts[key] = counts.GetValueOrDefault(key) + value;
                }
            }
        }

        return counts;
    }
}
