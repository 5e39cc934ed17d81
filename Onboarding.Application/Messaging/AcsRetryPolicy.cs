using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Application.Messaging;

/// <summary>
/// Azure.Core's retries (network errors, 408, 429, 5xx) with two changes for ACS: the wait before a
/// retry is never shorter than the answer's <c>Retry-After</c> (a throttled sender that comes back
/// early is throttled again), and a retry is only made while it fits the send's budget
/// (<see cref="AcsClientOptions.SendBudget"/>) — past that the send fails and the activity's own
/// retry policy takes over, so an activity never holds its task hub message for long.
/// </summary>
public sealed class AcsRetryPolicy(AcsClientOptions options)
    : RetryPolicy(options.Retry.MaxRetries, new RetryAfterDelay(options.Retry.Delay, options.Retry.MaxDelay))
{
    const string StartedProperty = "onboarding.acs.started";

    protected override void OnSendingRequest(HttpMessage message)
    {
        if (!message.TryGetProperty(StartedProperty, out _))
        {
            message.SetProperty(StartedProperty, Stopwatch.GetTimestamp());
        }

        base.OnSendingRequest(message);
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && FitsBudget(message);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception) && FitsBudget(message);

    bool FitsBudget(HttpMessage message)
    {
        TimeSpan elapsed = message.TryGetProperty(StartedProperty, out object? started) ? Stopwatch.GetElapsedTime((long)started!) : TimeSpan.Zero;
        TimeSpan wait = message.HasResponse ? RetryAfterDelay.ServerDelay(message.Response) : TimeSpan.Zero;
        return elapsed + wait < options.SendBudget;
    }

    /// <summary>Exponential backoff with jitter, but at least the server's Retry-After (the send's budget bounds both).</summary>
    sealed class RetryAfterDelay(TimeSpan initial, TimeSpan max) : DelayStrategy(TimeSpan.FromMinutes(1), jitterFactor: 0)
    {
        protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
        {
            double backoffMs = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, retryNumber - 1));
            TimeSpan backoff = TimeSpan.FromMilliseconds(backoffMs * (0.8 + (Random.Shared.NextDouble() * 0.4)));
            return Max(backoff, ServerDelay(response));
        }

        /// <summary>Retry-After in seconds or as a date, or retry-after-ms / x-ms-retry-after-ms; zero without one.</summary>
        public static TimeSpan ServerDelay(Response? response)
        {
            if (response is null)
            {
                return TimeSpan.Zero;
            }

            foreach (string header in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
            {
                if (response.Headers.TryGetValue(header, out string? value) && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double ms))
                {
                    return TimeSpan.FromMilliseconds(ms);
                }
            }

            if (response.Headers.TryGetValue("Retry-After", out string? retryAfter))
            {
                if (int.TryParse(retryAfter, System.Globalization.CultureInfo.InvariantCulture, out int seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(retryAfter, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
                {
                    return Max(TimeSpan.Zero, at - DateTimeOffset.UtcNow);
                }
            }

            return TimeSpan.Zero;
        }
    }
}
