using System.Diagnostics.Metrics;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Operators;

/// <summary>
/// The service's metrics (meter <c>Onboarding</c>) and trace source. Tags carry stages, outcomes,
/// input kinds, regions and languages — never anything about a person.
/// </summary>
public sealed class JourneyMetrics : IDisposable
{
    public const string MeterName = "Onboarding";
    public const string InstanceTag = "service.instance.id";

    readonly Meter meter;

    /// <summary>Identifies this host's meter (a random id per host).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");
    readonly Counter<long> started;
    readonly Counter<long> stageReached;
    readonly Counter<long> verificationOutcomes;
    readonly Histogram<double> inputLatency;
    readonly Counter<long> retentionActions;
    readonly Counter<long> retentionSweeps;
    readonly Counter<long> refused;
    readonly Counter<long> smsSent;

    public JourneyMetrics(IMeterFactory meters)
    {
        // The instance tag tells this host's measurements from those of another host in the same
        // process (meters are found by name process-wide), as in tests.
        meter = meters.Create(new MeterOptions(MeterName) { Tags = [new KeyValuePair<string, object?>(InstanceTag, Instance)] });
        started = meter.CreateCounter<long>("onboarding.journeys.started", "{journey}", "Journeys started.");
        stageReached = meter.CreateCounter<long>("onboarding.journeys.stage_reached", "{journey}", "Journeys that reached a stage.");
        verificationOutcomes = meter.CreateCounter<long>("onboarding.verification.outcomes", "{cycle}", "How verification cycles ended: verified, failed, expired; and journeys locked.");
        inputLatency = meter.CreateHistogram<double>("onboarding.input.applied_latency", "ms", "From an input's request to the journey applying it.");
        retentionActions = meter.CreateCounter<long>("onboarding.retention.actions", "{journey}", "What the retention sweep did, by action.");
        retentionSweeps = meter.CreateCounter<long>("onboarding.retention.sweeps", "{sweep}", "Retention sweeps, by outcome: completed, skipped (another instance holds the lease), failed.");
        refused = meter.CreateCounter<long>("onboarding.abuse.refused", "{request}", "Requests refused by an abuse control: a limit, the human check or the phone's country.");
        smsSent = meter.CreateCounter<long>("onboarding.sms.sent", "{message}", "SMS handed to the provider, by destination country.");
    }

    public void JourneyStarted(string region, string language) =>
        started.Add(1, new KeyValuePair<string, object?>("region", region), new KeyValuePair<string, object?>("language", language));

    public void StageReached(JourneyProgress progress, JourneyStage? previous)
    {
        stageReached.Add(1, new KeyValuePair<string, object?>("stage", progress.Stage.ToWireName()));
        if (previous == JourneyStage.AwaitingDepositAmounts)
        {
            string? outcome = progress.Stage == JourneyStage.Verified
                ? "verified"
                : progress.Verification?.LastOutcome switch
                {
                    VerificationOutcome.Failed => "failed",
                    VerificationOutcome.Expired => "expired",
                    _ => null,
                };
            if (outcome is not null)
            {
                verificationOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }

        if (progress.Stage == JourneyStage.Locked)
        {
            verificationOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", "locked"));
        }
    }

    public void InputApplied(string input, TimeSpan latency, bool applied) =>
        inputLatency.Record(latency.TotalMilliseconds, new KeyValuePair<string, object?>("input", input), new KeyValuePair<string, object?>("applied", applied));

    /// <summary>The retention sweep did <paramref name="action"/> (e.g. <c>history_purged</c>) to <paramref name="times"/> more journeys or rows.</summary>
    public void RetentionAction(string action, int times) => retentionActions.Add(times, new KeyValuePair<string, object?>("action", action));

    public void RetentionSweep(string outcome) => retentionSweeps.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    /// <summary>A request an abuse control refused; <paramref name="control"/> is a limit's name, <c>human-check</c> or <c>phone-country</c>.</summary>
    public void Refused(string control) => refused.Add(1, new KeyValuePair<string, object?>("limit", control));

    public void SmsSent(string country) => smsSent.Add(1, new KeyValuePair<string, object?>("country", country));

    public void Dispose() => meter.Dispose();
}
