using System.Text;
using Onboarding.Bench.Users;

namespace Onboarding.Bench.Chaos;

/// <summary>What a chaos run found; <see cref="Violations"/> is empty when every journey ended as scripted.</summary>
public sealed class ChaosResult
{
    public required ChaosScenario Scenario { get; init; }

    /// <summary>The storage, messaging and bank faults as they happened, each with the slowest journey's recovery after it.</summary>
    public required IReadOnlyList<FaultResult> Faults { get; init; }

    /// <summary>The faults the host's stand-ins injected, from its log: "acs Throttle" → count.</summary>
    public required IReadOnlyDictionary<string, int> Injected { get; init; }

    public required int Seed { get; init; }
    public required int Journeys { get; init; }
    public required int Kills { get; init; }
    public required IReadOnlyList<TimeSpan> Downtimes { get; init; }
    public required TimeSpan Duration { get; init; }
    public required TimeSpan PlayDuration { get; init; }
    public required TimeSpan ProfileWindow { get; init; }
    public required IReadOnlyDictionary<string, int> Scripts { get; init; }
    public required IReadOnlyDictionary<string, int> Outcomes { get; init; }
    public required IReadOnlyDictionary<string, int> RuntimeStatuses { get; init; }
    public required int DuplicateMessages { get; init; }
    public required int DuplicateDeposits { get; init; }
    public required int Stuck { get; init; }

    /// <summary>The journeys' events Onboarding keeps, and the deliveries the topic took (repeats included: at least once).</summary>
    public required int EventsKept { get; init; }
    public required int EventDeliveries { get; init; }

    /// <summary>Deliveries of an event the topic had taken before (same id, same content: allowed).</summary>
    public required int EventRepeats { get; init; }

    /// <summary>Journeys whose kept events are not numbered 1..n.</summary>
    public required int EventGaps { get; init; }

    /// <summary>Deliveries whose content differs from the kept event of the same id.</summary>
    public required int EventConflicts { get; init; }

    /// <summary>Kept events the topic never took by the end of the settle time.</summary>
    public required int EventsMissing { get; init; }
    public required IReadOnlyList<string> Violations { get; init; }
    public required ClientCounters Counters { get; init; }

    /// <summary>Events the engine dropped because their instance had no history yet (its first episode was lost in a crash): the host log's count.</summary>
    public required int DiscardedNoSuchInstance { get; init; }

    /// <summary>Activity results that arrived before the history that scheduled them was committed (a crash between sending and committing).</summary>
    public required int OutOfOrder { get; init; }

    public required string HostLog { get; init; }

    /// <summary>When each script's slowest journey finished playing, from the first start.</summary>
    public required IReadOnlyDictionary<string, TimeSpan> SlowestPlay { get; init; }

    static string Counts(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));

    public string Summary() =>
        $"scenario {Scenario}: {Journeys} journeys; faults: {(Faults.Count == 0 ? "none" : string.Join("; ", Faults))}; injected: {(Injected.Count == 0 ? "none" : Counts(Injected))}; answers: {Counters.DescribeAnswers()} (slowest {Counters.SlowestAnswer.TotalSeconds:0.0} s); {Kills} kills (restarts {string.Join(", ", Downtimes.Select(d => $"{d.TotalSeconds:0.0} s"))}); "
        + $"scripts: {Counts(Scripts)} (slowest played by {string.Join(", ", SlowestPlay.Select(pair => $"{pair.Key} {pair.Value.TotalSeconds:0} s"))}); stages: {Counts(Outcomes)}; runtime: {Counts(RuntimeStatuses)}; "
        + $"duplicate messages {DuplicateMessages}, duplicate deposits {DuplicateDeposits}, stuck {Stuck}, violations {Violations.Count}; "
        + $"events: {EventsKept} kept, {EventDeliveries} deliveries ({EventRepeats} repeats), {EventGaps} journeys with a gap, {EventConflicts} ids with another content, {EventsMissing} never published; "
        + $"clients rode out {Counters.ConnectionFailures} refused/reset connections and {Counters.DescribeServerErrors()}, polled after {Counters.NotYetApplied} 202s, "
        + $"and met {Counters.ConflictsAfterRetry} 409/404 for retried inputs already applied; inputs sent again after a 202 not applied in time: {Counters.Resent.Count} ({string.Join(", ", Counters.Resent)}); "
        + $"engine log: {DiscardedNoSuchInstance} events discarded as 'No such instance', {OutOfOrder} messages out of order ({HostLog})";

    public string Markdown(string commandLine)
    {
        var md = new StringBuilder();
        md.Append($"### Chaos run, scenario `{Scenario.ToString().ToLowerInvariant()}`, of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
        md.Append($"- Command: `{commandLine}` (seed {Seed}; {Duration.TotalSeconds:0} s, scripts played in {PlayDuration.TotalSeconds:0} s)\n");
        md.Append($"- {Journeys} concurrent journeys; profile window {ProfileWindow.TotalSeconds:0} s, one deposit attempt, one cycle\n");
        foreach (FaultResult fault in Faults)
        {
            md.Append($"- Fault: {fault.Window.Kind} from {fault.Window.Start.TotalSeconds:0.0} s to {fault.Window.End.TotalSeconds:0.0} s ({(fault.Window.End - fault.Window.Start).TotalSeconds:0} s); {fault.JourneysUnderWay} journeys under way at its end; the slowest moved again **{fault.SlowestRecovery.TotalSeconds:0.0} s** after it{(fault.Slowest is null ? "" : $" ({fault.Slowest})")}\n");
        }

        if (Injected.Count > 0)
        {
            md.Append($"- Faults the stand-ins injected: {Counts(Injected)}\n");
        }

        if (Kills > 0)
        {
            md.Append($"- {Kills} SIGKILLs of the local host, each restarted at once (same task hub, WorkerId, tables, keys); back up after {string.Join(", ", Downtimes.Select(d => $"{d.TotalSeconds:0.0} s"))}\n");
        }

        md.Append($"- Answers clients met: {Counters.DescribeAnswers()}; the slowest answer took {Counters.SlowestAnswer.TotalSeconds:0.0} s\n");
        if (Counters.FailuresByRoute.Count > 0)
        {
            md.Append($"- The answers that were not a success, by route: {string.Join(", ", Counters.FailuresByRoute.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key} ×{pair.Value}"))}\n");
        }
        md.Append($"- Clients rode out {Counters.ConnectionFailures} refused/reset connections and {Counters.DescribeServerErrors()} answers, polled after {Counters.NotYetApplied} 202 answers, and met {Counters.ConflictsAfterRetry} 409/404 answers for retried inputs that had been applied\n");
        md.Append($"- Inputs sent again because a 202 was not followed by the input applied within the resend time: {Counters.Resent.Count}{(Counters.Resent.Count == 0 ? "" : " (" + string.Join(", ", Counters.Resent) + ")")}\n");
        md.Append($"- The engine's log: {DiscardedNoSuchInstance} dequeued events discarded as \"No such instance\", {OutOfOrder} messages received out of order\n\n");
        md.Append("| script | journeys |\n|---|---:|\n");
        foreach ((string script, int count) in Scripts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            md.Append($"| {script} | {count} |\n");
        }

        md.Append($"\nFinal stages: {Counts(Outcomes)}. Runtime statuses: {Counts(RuntimeStatuses)}.\n\n");
        md.Append($"Duplicate messages: **{DuplicateMessages}**. Duplicate deposits: **{DuplicateDeposits}**. Stuck instances: **{Stuck}**. Violations: **{Violations.Count}**.\n");
        md.Append($"Events: {EventsKept} kept, {EventDeliveries} deliveries taken by the topic ({EventRepeats} repeats of an id, same content); journeys with a gap: **{EventGaps}**; an id with another content: **{EventConflicts}**; never published: **{EventsMissing}**.\n");
        foreach (string violation in Violations.Take(20))
        {
            md.Append($"- {violation}\n");
        }

        return md.ToString();
    }
}
