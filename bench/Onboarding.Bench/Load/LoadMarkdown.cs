using System.Globalization;
using System.Text;

namespace Onboarding.Bench.Load;

/// <summary>The <c>load</c> run as a markdown block for docs/benchmarks.md.</summary>
public static class LoadMarkdown
{
    public static string Render(LoadReport report)
    {
        var md = new StringBuilder();
        LoadOptions options = report.Options;
        Line(md, $"### Run of {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        Line(md);
        Line(md, $"- Command: `{report.CommandLine}` ({(report.FinishedAt - report.StartedAt).TotalMinutes:0.0} min)");
        Line(md, $"- Machine: {report.Machine.Cores} cores ({report.Machine.Cpu}), {report.Machine.Memory} RAM, {report.Machine.Os}; {report.Machine.Runtime}, SDK {report.Machine.Sdk}; Azurite {report.Machine.Azurite}");
        Line(md, $"- Load average (1/5/15 min) at start: {report.Machine.LoadAverage}; at end: {report.LoadAverageAfter}");
        Line(md, $"- Host settings besides the defaults: {(options.Settings.Count == 0 ? "none" : string.Join(", ", options.Settings.Select(s => $"`{s.Key}={s.Value}`")))}");
        Line(md);

        if (report.AzureStorage is not null || report.InMemory is not null)
        {
            Line(md, $"#### Full journeys per second ({options.Users} concurrent users, closed loop{Think(options)}: journeys started in a {options.Duration.TotalSeconds:0} s window, over the time until the last one ended)");
            Line(md);
            Line(md, "| Durable backend | journeys completed | in | journeys/s | journey duration p50 / p95 | failed | 202 answers | host start |");
            Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (ThroughputResult? run in new[] { report.AzureStorage, report.InMemory })
            {
                if (run is not null)
                {
                    Line(md, $"| {run.Backend} | {run.Completed} | {run.TotalSeconds:0.0} s | {run.JourneysPerSecond:0.00} | {run.JourneySeconds.Percentile(50):0.0} s / {run.JourneySeconds.Percentile(95):0.0} s | {run.Failures.Count} | {run.Inputs.AcceptedOverall} | {run.HostStartup.TotalSeconds:0.0} s |");
                }
            }

            if (report.AzureStorage is not null && report.InMemory is not null)
            {
                Line(md);
                Line(md, $"Azure Storage ÷ in-memory: **{Ratio(report):0.0} %**.");
            }

            Line(md);
            Line(md, "CPU per completed journey while the users ran:");
            Line(md);
            foreach (ThroughputResult? run in new[] { report.AzureStorage, report.InMemory })
            {
                if (run is not null)
                {
                    Line(md, $"- {run.Backend}: {run.Cpu.Describe(Math.Max(1, run.Completed), "journey")}");
                    Line(md, $"  - warm-up before the window ({options.Warmup.TotalSeconds:0} s, {run.WarmupJourneys} journeys, not in the figures): {run.WarmupCpu.Describe(Math.Max(1, run.WarmupJourneys), "journey")}");
                    Line(md, $"  - the engine, by the host's count, per completed journey: {run.Engine?.PerJourney(Math.Max(1, run.Completed)) ?? "– (this build has no /dev/engine)"}");
                }
            }

            Line(md);
            foreach (ThroughputResult? run in new[] { report.AzureStorage, report.InMemory })
            {
                if (run is not null)
                {
                    Inputs(md, run, options);
                }
            }
        }

        if (report.Reads is { } reads)
        {
            Line(md, $"#### `GET /api/journeys/{{id}}` under open-loop load ({reads.TargetRate}/s for {reads.Seconds:0} s over {reads.Journeys} journeys)");
            Line(md);
            Line(md, "| measured from | n | p50 | p95 | p99 | max |");
            Line(md, "|---|---:|---:|---:|---:|---:|");
            Line(md, $"| scheduled send time | {reads.FromSchedule.Count} | {Ms(reads.FromSchedule.Percentile(50))} | {Ms(reads.FromSchedule.Percentile(95))} | {Ms(reads.FromSchedule.Percentile(99))} | {Ms(reads.FromSchedule.Max)} |");
            Line(md, $"| actual send time | {reads.FromSend.Count} | {Ms(reads.FromSend.Percentile(50))} | {Ms(reads.FromSend.Percentile(95))} | {Ms(reads.FromSend.Percentile(99))} | {Ms(reads.FromSend.Max)} |");
            Line(md);
            Line(md, $"Achieved {reads.AchievedRate:0} requests/s, {reads.Errors} errors; the sender ran p95 {Ms(reads.SendLag.Percentile(95))} behind its schedule. CPU: {reads.Cpu.Describe(reads.Sent, "read")}.");
            Line(md);
        }

        if (report.Idle is { } idle)
        {
            Line(md, "#### Idle pickup");
            Line(md);
            Line(md, "| what | quiet before | measured |");
            Line(md, "|---|---:|---:|");
            Line(md, $"| phone code: POST → applied answer | {idle.QuietBeforeInputSeconds:0} s | {Ms(idle.InputPickupMs)} ({(idle.InputAppliedInAnswer ? "200" : "202, then polled")}) |");
            Line(md, $"| code-expiry timer: deadline → first status read (every 25 ms) showing `code-expired` | {idle.QuietBeforeTimerSeconds:0} s | {Ms(idle.TimerObservedLateMs)} (orchestration's `updatedAt`: {Ms(idle.TimerUpdatedAtLateMs)}) |");
            Line(md);
            Line(md, "Status times are whole seconds (the real deadline is up to 1 s later than the one shown), so the timer figure is an upper bound of its lateness; a negative one means the timer fired before the deadline shown.");
            Line(md);
        }

        if (report.Storage is { } storage)
        {
            Storage(md, storage);
        }

        if (report.Burst is { } burst)
        {
            Line(md, $"#### {burst.Journeys} phone codes posted at once to a freshly started host");
            Line(md);
            Line(md, $"Host up in {burst.HostStartup.TotalSeconds:0.0} s; {burst.Journeys} journeys started together, then every phone code posted at once (POST → applied answer): "
                + $"p50 {Ms(burst.Codes.Percentile(50))}, p95 {Ms(burst.Codes.Percentile(95))}, max {Ms(burst.Codes.Max)}; {burst.Codes.Count - burst.AppliedInAnswer} answered 202. "
                + $"CPU from the host up to the last code: {burst.Cpu.Describe(burst.Journeys, "journey")}.");
            Line(md);
        }

        if (report.EventLag is { } lag)
        {
            Line(md, $"#### Journey events: how long after the status showed a change the topic had its event ({lag.Journeys} journeys to verified, one at a time)");
            Line(md);
            Line(md, $"Both polled every {lag.PollMs} ms (so each figure is ± that); the step that records a change may first send its message (`started`, `phoneConfirmed`) or open the account. "
                + $"All: p50 {Ms(lag.All.Percentile(50))}, p95 {Ms(lag.All.Percentile(95))}, max {Ms(lag.All.Max)} ({lag.All.Count} events; {lag.Unmatched} whose stage passed between two polls, not measured).");
            Line(md);
            Line(md, "| event | n | p50 | p95 | max |");
            Line(md, "|---|---:|---:|---:|---:|");
            foreach ((string type, Samples samples) in lag.ByType)
            {
                Line(md, $"| `{type}` | {samples.Count} | {Ms(samples.Percentile(50))} | {Ms(samples.Percentile(95))} | {Ms(samples.Max)} |");
            }

            Line(md);
        }

        Targets(md, report);
        return md.ToString();
    }

    static double Ratio(LoadReport report) => report.AzureStorage!.JourneysPerSecond / report.InMemory!.JourneysPerSecond * 100;

    static void Inputs(StringBuilder md, ThroughputResult run, LoadOptions options)
    {
        Line(md, $"Input POST → applied answer, {run.Backend}, {run.Users} concurrent users{Think(options)} (ms):");
        Line(md);
        Line(md, "| input | n | p50 | p95 | p99 | max | answered 202 |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|");
        foreach (string kind in InputLatencies.JourneyInputs)
        {
            Row(md, kind, run.Inputs.Of(kind), run.Inputs.Accepted(kind));
        }

        Row(md, "**all inputs**", run.Inputs.Overall, run.Inputs.AcceptedOverall);
        Row(md, "start (POST /api/journeys → 202)", run.Inputs.Of("start"), 0);
        Line(md);
    }

    static void Row(StringBuilder md, string name, Samples samples, int accepted) =>
        Line(md, $"| {name} | {samples.Count} | {Ms(samples.Percentile(50))} | {Ms(samples.Percentile(95))} | {Ms(samples.Percentile(99))} | {Ms(samples.Max)} | {accepted} |");

    static void Storage(StringBuilder md, StorageResult storage)
    {
        Line(md, $"#### Azure Storage requests per full journey ({storage.Journeys} concurrent journeys, Azurite debug log)");
        Line(md);
        Line(md, $"Window {storage.WindowSeconds:0.0} s (the journeys, then 5 s for their last activities; {storage.CompletedOrchestrations}/{storage.Journeys} orchestrations completed). "
            + $"Background with no traffic, over {storage.IdleSeconds:0} s: {storage.IdleRate(_ => true):0.0} requests/s "
            + $"(queue {storage.IdleRate(r => r.Service == "queue"):0.0}, table {storage.IdleRate(r => r.Service == "table"):0.0}, blob {storage.IdleRate(r => r.Service == "blob"):0.0}); "
            + "\"net\" subtracts that rate over the window.");
        Line(md);
        Line(md, "| service | gross per journey | net per journey | of which the local stand-ins (outbox, sandbox bank) | of which abuse-control counters (`Limits`, `BankAccountOwners`) | **the journey's own** (net, without either) |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        foreach (string service in new[] { "table", "queue", "blob" })
        {
            Line(md, $"| {service} | {storage.GrossPerJourney(r => r.Service == service):0.0} | {storage.NetPerJourney(r => r.Service == service):0.0} | {storage.NetPerJourney(r => r.Service == service && storage.IsStandIn(r)):0.0} | {storage.NetPerJourney(r => r.Service == service && storage.IsAbuseControl(r)):0.0} | {storage.NetPerJourney(r => r.Service == service && storage.IsJourneyOwn(r)):0.0} |");
        }

        Line(md, $"| **total** | {storage.GrossPerJourney(_ => true):0.0} | {storage.NetPerJourney(_ => true):0.0} | {storage.NetPerJourney(storage.IsStandIn):0.0} | {storage.NetPerJourney(storage.IsAbuseControl):0.0} | **{storage.NetPerJourney(storage.IsJourneyOwn):0.0}** |");
        Line(md);
        Line(md, $"Publishing the journey's events costs **{storage.EventPublishingPerJourney():0.0}** of the journey's own requests: table `JourneyEvents` "
            + $"{string.Join(", ", storage.Window.Where(storage.IsEventLog).GroupBy(r => r.Operation).OrderByDescending(g => g.Count()).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count() / (double)storage.Journeys:0.0}")))}, "
            + $"and its appends, {storage.EventAppendsPerJourney():0.0} `$batch` beyond the episodes' ones; "
            + $"no orchestration episode (the steps that record a stage change publish it). The local topic's record of what it took (`DevEvents`, a stand-in): {storage.NetPerJourney(r => r.Service == "table" && storage.Short(r.Resource) == "DevEvents"):0.0}.");
        Line(md);
        Line(md, "The engine per journey, read from the same log (method in docs/benchmarks.md) and, where the build serves `/dev/engine`, by the host's own count over the same window:");
        Line(md);
        Line(md, "| figure | from the Azurite log | how | the host's count |");
        Line(md, "|---|---:|---|---:|");
        double perJourney = storage.Journeys;
        Line(md, $"| orchestration episodes | {storage.GrossPerJourney(storage.IsEpisode):0.0} | `{{hub}}Instances` row merges (one commit each; history loads: {storage.GrossPerJourney(storage.IsHistoryLoad):0.0}) | {Count(storage.Engine?.Episodes, perJourney)} |");
        Line(md, $"| activities | {storage.GrossPerJourney(storage.IsActivity):0.0} | `{{hub}}-workitems` enqueues | {Count(storage.Engine?.Activities, perJourney)} |");
        Line(md, $"| instance reads | {storage.GrossPerJourney(storage.IsInstanceRead):0.0} | `{{hub}}Instances` queries | {Count(storage.Engine?.InstanceReads, perJourney)} |");
        Line(md);
        Line(md, "Net per journey by table, queue and container (`{hub}` is the task hub), with the top operations:");
        Line(md);
        Line(md, "| service | resource | net per journey | operations (gross per journey) |");
        Line(md, "|---|---|---:|---|");
        foreach (var group in storage.Window.Concat(storage.Idle)
            .GroupBy(r => (r.Service, Resource: storage.Short(r.Resource)))
            .Select(g => g.Key)
            .Distinct()
            .Select(key => (key.Service, key.Resource, Net: storage.NetPerJourney(r => r.Service == key.Service && storage.Short(r.Resource) == key.Resource)))
            .OrderByDescending(x => x.Net))
        {
            string operations = string.Join(", ", storage.Window
                .Where(r => r.Service == group.Service && storage.Short(r.Resource) == group.Resource)
                .GroupBy(r => r.Operation)
                .OrderByDescending(g => g.Count())
                .Take(4)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count() / (double)storage.Journeys:0.0}")));
            Line(md, $"| {group.Service} | {group.Resource} | {group.Net:0.0} | {operations} |");
        }

        Line(md);
    }

    static void Targets(StringBuilder md, LoadReport report)
    {
        Line(md, "#### Targets (2-core machine)");
        Line(md);
        Line(md, "| target | measured | met |");
        Line(md, "|---|---|:---:|");
        if (report.AzureStorage is { } azure)
        {
            double p95 = azure.Inputs.Overall.Percentile(95);
            Line(md, $"| input applied p95 ≤ 1 s with {azure.Users} concurrent journeys (Azurite) | {Ms(p95)} | {Met(p95 <= 1000 && azure.Users >= 20)} |");
        }

        if (report.Idle is { } idle)
        {
            double worst = Math.Max(idle.InputPickupMs, idle.TimerObservedLateMs);
            Line(md, $"| idle pickup ≤ 2 s (input; timer after its deadline) | {Ms(idle.InputPickupMs)}; {Ms(idle.TimerObservedLateMs)} | {Met(worst <= 2000)} |");
        }

        if (report.AzureStorage is not null && report.InMemory is not null)
        {
            double ratio = Ratio(report);
            Line(md, $"| journeys/s on Azurite ≥ 30 % of in-memory | {report.AzureStorage.JourneysPerSecond:0.00} ÷ {report.InMemory.JourneysPerSecond:0.00} = {ratio:0.0} % | {Met(ratio >= 30)} |");
        }

        if (report.Burst is { } burst)
        {
            double p95 = burst.Codes.Percentile(95);
            Line(md, $"| {burst.Journeys} phone codes posted at once to a fresh host: p95 ≤ 1 s | {Ms(p95)} | {Met(p95 <= 1000)} |");
        }

        if (report.Storage is { } storage)
        {
            double episodes = storage.GrossPerJourney(storage.IsEpisode), requests = storage.NetPerJourney(storage.IsJourneyOwn);
            Line(md, $"| ≤ 12 episodes per journey | {episodes:0.0} | {Met(episodes <= 12)} |");
            Line(md, $"| ≤ 180 storage requests per journey (net; without stand-ins and abuse-control counters) | {requests:0} (of which publishing events {storage.EventPublishingPerJourney():0.0}; counters {storage.NetPerJourney(storage.IsAbuseControl):0.0}, stand-ins {storage.NetPerJourney(storage.IsStandIn):0.0}) | {Met(requests <= 180)} |");
        }

        if (report.AzureStorage is { } azureCpu)
        {
            double cpu = (azureCpu.Cpu.Host + azureCpu.Cpu.Azurite) / Math.Max(1, azureCpu.Completed);
            Line(md, $"| ≤ 0.5 CPU-s per journey, host + Azurite (Azurite) | {cpu:0.00} s | {Met(cpu <= 0.5)} |");
        }

        if (report.Reads is { } reads)
        {
            double p95 = reads.FromSchedule.Percentile(95);
            Line(md, $"| status reads p95 ≤ 50 ms at 200 requests/s | {Ms(p95)} at {reads.AchievedRate:0}/s | {Met(p95 <= 50 && reads.AchievedRate >= 195)} |");
        }

        Line(md);
    }

    static string Count(long? count, double journeys) =>
        count is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value / journeys:0.0}") : "–";

    static string Met(bool met) => met ? "yes" : "**no**";

    static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "–" : milliseconds >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0} ms");

    /// <summary>Appends a line (the bench runs with the invariant culture: decimal points, not commas).</summary>
    static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    static string Think(LoadOptions options) =>
        options.Think > TimeSpan.Zero ? $", each pausing {options.Think.TotalSeconds:0.#} s before every input as a person would" : "";
}
