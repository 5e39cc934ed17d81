namespace Onboarding.Bench.Chaos;

/// <summary>
/// A chaos run's faults, drawn from its seed so that a run can be repeated: when the host is killed,
/// when Azurite is paused and for how long, when it is restarted, and the windows in which the local
/// ACS endpoint, the local Event Grid topic and the sandbox bank fail (given to the host as <c>/dev/faults</c> rules).
/// </summary>
public sealed class ChaosSchedule
{
    /// <summary>The Retry-After of the throttled ACS answers.</summary>
    public const int AcsRetryAfterSeconds = 5;

    /// <summary>How long the sandbox bank sits on a payout before it times out.</summary>
    public const double BankTimeoutSeconds = 3;

    public required IReadOnlyList<TimeSpan> Kills { get; init; }

    /// <summary>Azurite paused (SIGSTOP) at Start and resumed at End.</summary>
    public FaultWindow? StoragePause { get; init; }

    /// <summary>Azurite stopped at Start and listening again at End (plus its start-up time).</summary>
    public FaultWindow? StorageRestart { get; init; }

    /// <summary>ACS throttled (429 with Retry-After) for the first half, then unavailable (503).</summary>
    public FaultWindow? Acs { get; init; }

    /// <summary>The local Event Grid topic throttled (429 with Retry-After) for the first half, then unavailable (503).</summary>
    public FaultWindow? Topic { get; init; }

    /// <summary>
    /// Payouts failing or timing out after paying (half each), from the first verification request
    /// on (it is sent once the rules are in place): its times count from that request, so the fault
    /// meets payouts however long registering takes.
    /// </summary>
    public FaultWindow? Bank { get; init; }

    /// <summary>The faults on the run's clock; the bank's once its first verification request is known.</summary>
    public IEnumerable<FaultWindow> Windows(TimeSpan? firstVerification) =>
        new[] { StoragePause, StorageRestart, Acs, Topic, firstVerification is { } at ? BankAt(at) : null }.OfType<FaultWindow>().OrderBy(window => window.Start);

    FaultWindow? BankAt(TimeSpan firstVerification) => Bank is { } bank ? bank with { Start = firstVerification + bank.Start, End = firstVerification + bank.End } : null;

    public bool UsesStorage => StoragePause is not null || StorageRestart is not null;

    public static ChaosSchedule Draw(ChaosOptions options, Random random)
    {
        ChaosScenario scenario = options.Scenario;
        bool storage = scenario is ChaosScenario.Storage or ChaosScenario.All;
        bool messaging = scenario is ChaosScenario.Messaging or ChaosScenario.All;
        bool bank = scenario is ChaosScenario.Bank or ChaosScenario.All;
        bool events = scenario is ChaosScenario.Events or ChaosScenario.All;

        FaultWindow? pause = null, restart = null;
        if (storage)
        {
            TimeSpan pauseAt = options.FaultsFrom + Seconds(random, 0, 8);
            TimeSpan pauseFor = Seconds(random, options.StoragePauseMin.TotalSeconds, options.StoragePauseMax.TotalSeconds);
            pause = new FaultWindow("storage paused", pauseAt, pauseAt + pauseFor);
            TimeSpan restartAt = pause.End + Seconds(random, 5, 5 + (pauseFor.TotalSeconds / 2)); // the journeys held back by the pause are moving again
            restart = new FaultWindow("storage restarted", restartAt, restartAt + options.StorageDown);
        }

        FaultWindow? acs = null;
        if (messaging)
        {
            TimeSpan at = options.FaultsFrom + Seconds(random, 0, 5);
            acs = new FaultWindow("ACS 429 then 503", at, at + options.MessagingFault);
        }

        FaultWindow? topic = null;
        if (events)
        {
            TimeSpan at = options.FaultsFrom + Seconds(random, 0, 5);
            topic = new FaultWindow("topic 429 then 503", at, at + options.EventsFault);
        }

        FaultWindow? payouts = null;
        if (bank)
        {
            payouts = new FaultWindow("bank failing", TimeSpan.Zero, options.BankFault);
        }

        int kills = scenario is ChaosScenario.Host or ChaosScenario.All ? options.Kills : 0;
        FaultWindow[] keepClear = new[] { pause, restart }.OfType<FaultWindow>().ToArray();
        return new ChaosSchedule
        {
            Kills = KillMoments(options, random, kills, keepClear),
            StoragePause = pause,
            StorageRestart = restart,
            Acs = acs,
            Topic = topic,
            Bank = payouts,
        };
    }

    /// <summary>
    /// The /dev/faults rules in UTC, the first start being <paramref name="origin"/> (the bank's only once
    /// <paramref name="firstVerification"/> is known): the same rules are given again to a restarted host,
    /// so a kill does not end a fault.
    /// </summary>
    public object FaultPlan(DateTime origin, TimeSpan? firstVerification)
    {
        var rules = new List<object>();
        if (Acs is { } acs)
        {
            TimeSpan half = acs.Start + ((acs.End - acs.Start) / 2);
            rules.Add(new { target = "acs", mode = "throttle", from = origin + acs.Start, until = origin + half, share = 1.0, retryAfterSeconds = AcsRetryAfterSeconds, delaySeconds = 0.0 });
            rules.Add(new { target = "acs", mode = "unavailable", from = origin + half, until = origin + acs.End, share = 1.0, retryAfterSeconds = AcsRetryAfterSeconds, delaySeconds = 0.0 });
        }

        if (Topic is { } topic)
        {
            TimeSpan half = topic.Start + ((topic.End - topic.Start) / 2);
            rules.Add(new { target = "eventGrid", mode = "throttle", from = origin + topic.Start, until = origin + half, share = 1.0, retryAfterSeconds = AcsRetryAfterSeconds, delaySeconds = 0.0 });
            rules.Add(new { target = "eventGrid", mode = "unavailable", from = origin + half, until = origin + topic.End, share = 1.0, retryAfterSeconds = AcsRetryAfterSeconds, delaySeconds = 0.0 });
        }

        if (firstVerification is { } trigger && BankAt(trigger) is { } bank)
        {
            rules.Add(new { target = "bank", mode = "fail", from = origin + bank.Start, until = origin + bank.End, share = 0.5, retryAfterSeconds = 1, delaySeconds = 0.0 });
            rules.Add(new { target = "bank", mode = "timeoutAfterPaying", from = origin + bank.Start, until = origin + bank.End, share = 1.0, retryAfterSeconds = 1, delaySeconds = BankTimeoutSeconds });
        }

        return new { rules };
    }

    /// <summary>Random, ordered, at least the gap apart, and never within a storage outage (a host cannot start without storage).</summary>
    static TimeSpan[] KillMoments(ChaosOptions options, Random random, int count, IReadOnlyList<FaultWindow> keepClear)
    {
        TimeSpan from = options.KillFrom, to = options.KillTo ?? options.ProfileWindow + TimeSpan.FromSeconds(15);
        if (keepClear.Count == 0)
        {
            double span = (to - from).TotalSeconds - ((count - 1) * options.MinKillGap.TotalSeconds);
            if (span < 0)
            {
                throw new ArgumentException($"{count} kills at least {options.MinKillGap.TotalSeconds} s apart do not fit between {from.TotalSeconds} s and {to.TotalSeconds} s.");
            }

            // Spread n points over the free span, then add the gaps back: random, ordered, never closer than the gap.
            return Enumerable.Range(0, count)
                .Select(_ => random.NextDouble() * span)
                .Order()
                .Select((offset, i) => from + TimeSpan.FromSeconds(offset + (i * options.MinKillGap.TotalSeconds)))
                .ToArray();
        }

        var kills = new List<TimeSpan>();
        for (int attempt = 0; kills.Count < count; attempt++)
        {
            if (attempt > 10_000)
            {
                throw new ArgumentException($"{count} kills at least {options.MinKillGap.TotalSeconds} s apart, clear of the storage outages, do not fit between {from.TotalSeconds} s and {to.TotalSeconds} s.");
            }

            TimeSpan at = from + TimeSpan.FromSeconds(random.NextDouble() * (to - from).TotalSeconds);
            bool clear = kills.All(kill => (kill - at).Duration() >= options.MinKillGap)
                && keepClear.All(window => at < window.Start - TimeSpan.FromSeconds(3) || at > window.End + TimeSpan.FromSeconds(8));
            if (clear)
            {
                kills.Add(at);
            }
        }

        return [.. kills.Order()];
    }

    static TimeSpan Seconds(Random random, double min, double max) => TimeSpan.FromSeconds(min + (random.NextDouble() * (max - min)));
}
