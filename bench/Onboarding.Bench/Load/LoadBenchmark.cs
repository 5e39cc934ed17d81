using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Onboarding.Bench.Infrastructure;
using Onboarding.Testing;
using Onboarding.Bench.Users;

namespace Onboarding.Bench.Load;

/// <summary>
/// The <c>load</c> command. Phases, each on a local host it starts itself:
/// <list type="number">
/// <item>azure: N users doing full journeys for the duration, Durable on the Azure Storage provider (Azurite);</item>
/// <item>reads: open-loop <c>GET /api/journeys/{id}</c> at a fixed rate on the same host;</item>
/// <item>idle: after a quiet period, an input and a due timer on the same host;</item>
/// <item>inmemory: the same journeys with <c>Durable__Backend=InMemory</c>;</item>
/// <item>storage: a fresh Azurite with a debug log; storage requests per journey, less the idle background.</item>
/// </list>
/// </summary>
public sealed class LoadBenchmark(LoadOptions options, string repositoryRoot, TextWriter progress)
{
    readonly string workFolder = Directory.CreateTempSubdirectory("onboarding-bench-").FullName;

    public async Task<LoadReport> RunAsync(string commandLine)
    {
        var report = new LoadReport
        {
            Options = options,
            Machine = MachineInfo.Collect(repositoryRoot),
            CommandLine = commandLine,
            StartedAt = DateTime.UtcNow,
        };
        string hostDll = options.HostDll ?? Repository.LocalHostDll(repositoryRoot);
        Say($"host logs and Azurite data under {workFolder}; local host {hostDll}");

        bool azure = options.Phases.Contains("azure"), reads = options.Phases.Contains("reads"), idle = options.Phases.Contains("idle");
        if (azure || reads || idle || options.Phases.Contains("inmemory"))
        {
            using AzuriteProcess azurite = await AzuriteProcess.StartAsync(repositoryRoot);
            if (azure || reads || idle)
            {
                await using HostProcess host = NewHost(hostDll, azurite.ConnectionString, "azure", AzureHostSettings());
                TimeSpan startup = await host.StartAsync();
                Say($"azure-storage host up in {startup.TotalSeconds:0.0} s");
                if (azure)
                {
                    report.AzureStorage = await ThroughputAsync(host, azurite, "Azure Storage (Azurite)", startup);
                }

                if (reads)
                {
                    report.Reads = await ReadsAsync(host, azurite, report.AzureStorage?.Journeys);
                }

                if (idle)
                {
                    report.Idle = await IdleAsync(host);
                }
            }

            if (options.Phases.Contains("inmemory"))
            {
                var settings = new Dictionary<string, string>(options.Settings, StringComparer.Ordinal)
                {
                    ["Durable__Backend"] = "InMemory",
                    // The in-memory engine caps its concurrency at the CPU count (DESIGN.md): let it run wide.
                    ["DOTNET_PROCESSOR_COUNT"] = "32",
                };
                await using HostProcess host = NewHost(hostDll, azurite.ConnectionString, "inmemory", settings);
                TimeSpan startup = await host.StartAsync();
                Say($"in-memory host up in {startup.TotalSeconds:0.0} s");
                report.InMemory = await ThroughputAsync(host, azurite, "In-memory engine", startup);
            }
        }

        if (options.Phases.Contains("storage"))
        {
            report.Storage = await StorageAsync(hostDll);
        }

        if (options.Phases.Contains("burst"))
        {
            report.Burst = await BurstAsync(hostDll);
        }

        if (options.Phases.Contains("events"))
        {
            report.EventLag = await EventLagAsync(hostDll);
        }

        report.FinishedAt = DateTime.UtcNow;
        report.LoadAverageAfter = MachineInfo.ReadLoadAverage();
        return report;
    }

    /// <summary>The Azure Storage host's settings: the machine's own processor count, and a phone code validity the idle timer uses.</summary>
    Dictionary<string, string> AzureHostSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_PROCESSOR_COUNT"] = "", // not inherited: the Azure Storage host runs as on any machine
            ["Journey__PhoneCodeValidity"] = TimerValidity.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach ((string key, string value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The idle timer is due this long after its journey started: an input after the quiet period, then a second quiet period.</summary>
    TimeSpan TimerValidity => (options.Idle * 2) + TimeSpan.FromSeconds(10);

    HostProcess NewHost(string hostDll, string storage, string name, IReadOnlyDictionary<string, string> settings) =>
        new(hostDll, storage, settings, Path.Combine(workFolder, $"host-{name}.log"));

    Api NewApi(HostProcess host, ClientCounters counters) =>
        new(host.Http, new ClientPolicy { RideOutOutages = false, StepTimeout = TimeSpan.FromSeconds(120), ThinkTime = options.Think }, counters);

    async Task<ThroughputResult> ThroughputAsync(HostProcess host, AzuriteProcess azurite, string backend, TimeSpan startup)
    {
        var counters = new ClientCounters();
        Api api = NewApi(host, counters);
        Say($"{backend}: warming up: {options.Users} users doing full journeys for {options.Warmup.TotalSeconds:0} s, not measured");
        var warmupCpu = new CpuMeter(host.ProcessId, azurite.ProcessId);
        var warmupClock = Stopwatch.StartNew();
        int warmupJourneys = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Users).Select(async _ =>
        {
            do
            {
                await new SimulatedUser(api, People.Next()).RunFullJourneyAsync();
                Interlocked.Increment(ref warmupJourneys);
            }
            while (warmupClock.Elapsed < options.Warmup);
        }));
        CpuUse warmupUsed = warmupCpu.Stop();
        Say($"{backend}: warm-up {warmupJourneys} journeys; CPU {warmupUsed.Describe(warmupJourneys, "journey")}");

        Say($"{backend}: {options.Users} users doing full journeys for {options.Duration.TotalSeconds:0} s");
        var inputs = new InputLatencies();
        var journeySeconds = new Samples();
        var completions = new ConcurrentQueue<(double At, string JourneyId, string Token)>();
        var failures = new ConcurrentQueue<string>();
        EngineCounts? engineBefore = await EngineCounts.ReadAsync(host);
        var cpu = new CpuMeter(host.ProcessId, azurite.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Users).Select(async _ =>
        {
            while (clock.Elapsed < options.Duration)
            {
                var user = new SimulatedUser(api, People.Next(), inputs.Add);
                long began = Stopwatch.GetTimestamp();
                try
                {
                    await user.RunFullJourneyAsync();
                    journeySeconds.Add(Stopwatch.GetElapsedTime(began).TotalSeconds);
                    completions.Enqueue((clock.Elapsed.TotalSeconds, user.JourneyId, user.Token));
                }
                catch (JourneyFailedException exception)
                {
                    failures.Enqueue(exception.Message);
                    Say($"{backend}: a journey failed: {exception.Message}");
                }
            }
        }));
        double total = clock.Elapsed.TotalSeconds;
        CpuUse used = cpu.Stop();
        EngineCounts? engine = EngineCounts.Between(engineBefore, await EngineCounts.ReadAsync(host));
        var result = new ThroughputResult
        {
            Cpu = used,
            WarmupJourneys = warmupJourneys,
            WarmupCpu = warmupUsed,
            Engine = engine,
            Backend = backend,
            Users = options.Users,
            WindowSeconds = options.Duration.TotalSeconds,
            TotalSeconds = total,
            CompletedInWindow = completions.Count(c => c.At <= options.Duration.TotalSeconds),
            Completed = completions.Count,
            Failures = failures.ToArray(),
            JourneySeconds = journeySeconds,
            Inputs = inputs,
            Counters = counters,
            Journeys = completions.Select(c => (c.JourneyId, c.Token)).ToArray(),
            HostStartup = startup,
        };
        Say(string.Create(CultureInfo.InvariantCulture,
            $"{backend}: {result.Completed} journeys in {result.TotalSeconds:0.0} s = {result.JourneysPerSecond:0.00}/s ({result.CompletedInWindow} ended in the {result.WindowSeconds:0} s window); inputs p95 {inputs.Overall.Percentile(95):0} ms; {failures.Count} failed; CPU {used.Describe(Math.Max(1, result.Completed), "journey")}"));
        return result;
    }

    async Task<ReadsResult> ReadsAsync(HostProcess host, AzuriteProcess azurite, IReadOnlyList<(string JourneyId, string Token)>? known)
    {
        var counters = new ClientCounters();
        Api api = NewApi(host, counters);
        List<(string JourneyId, string Token)> journeys = known?.Take(50).ToList() ?? [];
        if (journeys.Count < 10)
        {
            Say("reads: starting 20 journeys to read");
            SimulatedUser[] users = Enumerable.Range(0, 20).Select(_ => new SimulatedUser(api, People.Next())).ToArray();
            await Task.WhenAll(users.Select(user => user.StartAsync()));
            journeys.AddRange(users.Select(user => (user.JourneyId, user.Token)));
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // let the journeys' last activities finish
        int rate = options.ReadRate;
        int total = (int)(rate * options.ReadDuration.TotalSeconds);
        Say($"reads: {rate}/s open loop for {options.ReadDuration.TotalSeconds:0} s over {journeys.Count} journeys");
        var fromSchedule = new Samples();
        var fromSend = new Samples();
        var lag = new Samples();
        int errors = 0;
        var pending = new List<Task>(total);
        var cpu = new CpuMeter(host.ProcessId, azurite.ProcessId);
        long origin = Stopwatch.GetTimestamp();
        double TicksPerMs = Stopwatch.Frequency / 1000.0;
        for (int i = 0; i < total; i++)
        {
            long due = origin + (long)(i * 1000.0 / rate * TicksPerMs);
            while (Stopwatch.GetTimestamp() < due)
            {
                double remainingMs = (due - Stopwatch.GetTimestamp()) / TicksPerMs;
                if (remainingMs > 1.5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(remainingMs - 1));
                }
                else
                {
                    Thread.Yield();
                }
            }

            (string journeyId, string token) = journeys[i % journeys.Count];
            long scheduled = due;
            pending.Add(Task.Run(async () =>
            {
                long sent = Stopwatch.GetTimestamp();
                lag.Add((sent - scheduled) / TicksPerMs);
                try
                {
                    using HttpRequestMessage request = Api.Request(HttpMethod.Get, $"/api/journeys/{journeyId}", null, token);
                    using HttpResponseMessage response = await host.Http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    long done = Stopwatch.GetTimestamp();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        return;
                    }

                    fromSchedule.Add((done - scheduled) / TicksPerMs);
                    fromSend.Add((done - sent) / TicksPerMs);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        double sendingSeconds = Stopwatch.GetElapsedTime(origin).TotalSeconds;
        await Task.WhenAll(pending);
        CpuUse used = cpu.Stop();
        var result = new ReadsResult
        {
            Cpu = used,
            TargetRate = rate,
            Seconds = options.ReadDuration.TotalSeconds,
            Sent = total,
            AchievedRate = total / sendingSeconds,
            Errors = errors,
            Journeys = journeys.Count,
            FromSchedule = fromSchedule,
            FromSend = fromSend,
            SendLag = lag,
        };
        Say(string.Create(CultureInfo.InvariantCulture, $"reads: {result.AchievedRate:0} req/s, p95 {fromSchedule.Percentile(95):0.0} ms, {errors} errors; CPU {used.Describe(total, "read")}"));
        return result;
    }

    async Task<IdleResult> IdleAsync(HostProcess host)
    {
        Api api = NewApi(host, new ClientCounters());
        var input = new SimulatedUser(api, People.Next());
        var timer = new SimulatedUser(api, People.Next());
        await Task.WhenAll(input.StartAsync(), timer.StartAsync());
        string code = await input.PhoneCodeAsync();
        DateTime deadline = timer.StartDeadline ?? throw new JourneyFailedException("the idle timer journey has no deadline");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the starts' last activities
        var quiet = Stopwatch.StartNew();
        Say($"idle: no traffic for {options.Idle.TotalSeconds:0} s, then a phone code; the timer is due at {deadline:HH:mm:ss.fff}Z");
        await Task.Delay(options.Idle);

        var sample = new List<InputSample>();
        input.OnInput = sample.Add;
        double quietBeforeInput = quiet.Elapsed.TotalSeconds;
        await input.EnterPhoneCodeAsync(code);
        DateTime lastTraffic = DateTime.UtcNow;
        Say(string.Create(CultureInfo.InvariantCulture, $"idle: input applied {sample[0].Latency.TotalMilliseconds:0} ms after its POST ({(sample[0].AppliedInAnswer ? "200" : "202, then polled")})"));

        TimeSpan untilWatch = deadline - DateTime.UtcNow - TimeSpan.FromSeconds(3);
        if (untilWatch > TimeSpan.Zero)
        {
            await Task.Delay(untilWatch);
        }

        JsonElement expired = await timer.WaitForAsync(
            status => status.GetProperty("lastError").ValueKind == JsonValueKind.Object && status.GetProperty("lastError").GetProperty("code").GetString() == "code-expired",
            "code-expired", TimeSpan.FromSeconds(60));
        DateTime observed = DateTime.UtcNow;
        DateTime updatedAt = expired.GetProperty("updatedAt").GetDateTime().ToUniversalTime();
        var result = new IdleResult
        {
            QuietBeforeInputSeconds = quietBeforeInput,
            InputPickupMs = sample[0].Latency.TotalMilliseconds,
            InputAppliedInAnswer = sample[0].AppliedInAnswer,
            QuietBeforeTimerSeconds = (deadline - lastTraffic).TotalSeconds,
            TimerObservedLateMs = (observed - deadline).TotalMilliseconds,
            TimerUpdatedAtLateMs = (updatedAt - deadline).TotalMilliseconds,
        };
        Say(string.Create(CultureInfo.InvariantCulture, $"idle: the timer showed {result.TimerObservedLateMs:0} ms after its deadline (updatedAt {result.TimerUpdatedAtLateMs:0} ms)"));
        return result;
    }

    async Task<StorageResult> StorageAsync(string hostDll)
    {
        using AzuriteProcess azurite = await AzuriteProcess.StartAsync(repositoryRoot, debugLog: true);
        await using HostProcess host = NewHost(hostDll, azurite.ConnectionString, "storage", AzureHostSettings());
        await host.StartAsync();
        Api api = NewApi(host, new ClientCounters());
        Say("storage: one warm-up journey (tables, JIT)");
        await new SimulatedUser(api, People.Next()).RunFullJourneyAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));

        TimeSpan idle = TimeSpan.FromSeconds(15);
        Say($"storage: {idle.TotalSeconds:0} s of no traffic (the background: queue polling, leases)");
        DateTime idleFrom = DateTime.UtcNow;
        await Task.Delay(idle);
        DateTime idleTo = DateTime.UtcNow;

        int journeys = options.StorageJourneys ?? options.Users;
        Say($"storage: {journeys} concurrent full journeys");
        SimulatedUser[] users = Enumerable.Range(0, journeys).Select(_ => new SimulatedUser(api, People.Next())).ToArray();
        EngineCounts? engineBefore = await EngineCounts.ReadAsync(host);
        DateTime windowFrom = DateTime.UtcNow;
        await Task.WhenAll(users.Select(user => user.RunFullJourneyAsync()));
        await Task.Delay(TimeSpan.FromSeconds(5)); // the journeys' last activities and completion
        DateTime windowTo = DateTime.UtcNow;
        EngineCounts? engine = EngineCounts.Between(engineBefore, await EngineCounts.ReadAsync(host));

        int completed = 0;
        foreach (SimulatedUser user in users)
        {
            Answer answer = await api.SendAsync(() => Api.Request(HttpMethod.Get, $"/api/ops/journeys/{user.JourneyId}", null, null, new Dictionary<string, string> { ["x-functions-key"] = host.OperatorKey }));
            if (answer.Status == HttpStatusCode.OK && answer.Json.GetProperty("runtimeStatus").GetString() == "completed")
            {
                completed++;
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // Azurite's log catches up
        IReadOnlyList<StorageRequest> requests = StorageRequestLog.Read(azurite.DebugLog!);
        var result = new StorageResult
        {
            Journeys = journeys,
            IdleSeconds = (idleTo - idleFrom).TotalSeconds,
            WindowSeconds = (windowTo - windowFrom).TotalSeconds,
            Idle = requests.Where(r => r.At >= idleFrom && r.At < idleTo).ToArray(),
            Window = requests.Where(r => r.At >= windowFrom && r.At < windowTo).ToArray(),
            TaskHub = host.TaskHub,
            TablePrefix = host.TablePrefix,
            CompletedOrchestrations = completed,
            Engine = engine,
        };
        Say(string.Create(CultureInfo.InvariantCulture,
            $"storage: {result.Window.Count} requests in {result.WindowSeconds:0.0} s for {journeys} journeys; background {result.IdleRate(_ => true):0.0}/s; net {result.NetPerJourney(_ => true):0} per journey"));
        return result;
    }

    /// <summary>
    /// A freshly started host, as after <c>./run.sh</c>: N journeys started together, then all their
    /// phone codes posted at once; POST → applied answer per code. Its own Azurite (fresh tables).
    /// </summary>
    async Task<BurstResult> BurstAsync(string hostDll)
    {
        using AzuriteProcess azurite = await AzuriteProcess.StartAsync(repositoryRoot);
        await using HostProcess host = NewHost(hostDll, azurite.ConnectionString, "burst", AzureHostSettings());
        TimeSpan startup = await host.StartAsync();
        var cpu = new CpuMeter(host.ProcessId, azurite.ProcessId);
        Api api = NewApi(host, new ClientCounters());
        var codes = new Samples();
        int inAnswer = 0;
        SimulatedUser[] users = Enumerable.Range(0, options.Users).Select(_ => new SimulatedUser(api, People.Next())).ToArray();
        Say($"burst: fresh host up in {startup.TotalSeconds:0.0} s; {users.Length} journeys started together");
        await Task.WhenAll(users.Select(user => user.StartAsync()));
        string[] received = await Task.WhenAll(users.Select(user => user.PhoneCodeAsync()));
        foreach (SimulatedUser user in users)
        {
            user.OnInput = sample =>
            {
                codes.Add(sample.Latency);
                if (sample.AppliedInAnswer)
                {
                    Interlocked.Increment(ref inAnswer);
                }
            };
        }

        Say($"burst: {users.Length} phone codes posted at once");
        await Task.WhenAll(users.Select((user, i) => user.EnterPhoneCodeAsync(received[i])));
        var result = new BurstResult { Journeys = users.Length, Codes = codes, AppliedInAnswer = inAnswer, HostStartup = startup, Cpu = cpu.Stop() };
        Say(string.Create(CultureInfo.InvariantCulture, $"burst: phone codes p50 {codes.Percentile(50):0} ms, p95 {codes.Percentile(95):0} ms, max {codes.Max:0} ms"));
        return result;
    }

    /// <summary>
    /// Journeys to verified, one at a time on a host of their own, while the journey's status and
    /// what the local topic took of it (<c>/dev/events</c>) are polled: for each event, the time from
    /// the status first showing its stage to the topic first listing it.
    /// </summary>
    async Task<EventLagResult> EventLagAsync(string hostDll)
    {
        const int pollMs = 50;
        string[] order = ["started", "phoneConfirmed", "emailConfirmed", "registered", "verificationStarted", "verified"];
        using AzuriteProcess azurite = await AzuriteProcess.StartAsync(repositoryRoot);
        await using HostProcess host = NewHost(hostDll, azurite.ConnectionString, "events", AzureHostSettings());
        await host.StartAsync();
        Api api = NewApi(host, new ClientCounters());
        Say("events: one warm-up journey (tables, JIT)");
        await new SimulatedUser(api, People.Next()).RunFullJourneyAsync();
        var byType = order.ToDictionary(type => type, _ => new Samples(), StringComparer.Ordinal);
        int unmatched = 0;
        for (int i = 0; i < options.EventJourneys; i++)
        {
            var user = new SimulatedUser(api, People.Next());
            Task journey = user.RunFullJourneyAsync();
            var stageSeen = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            var eventSeen = new Dictionary<string, (string Stage, DateTime At)>(StringComparer.Ordinal);
            DateTime giveUp = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < giveUp && !(journey.IsCompleted && eventSeen.Count >= order.Length && stageSeen.ContainsKey("verified")))
            {
                if (user.Token.Length > 0)
                {
                    Answer status = await api.GetAsync(user.JourneyPath(), user.Token);
                    DateTime statusAt = DateTime.UtcNow;
                    if (status.Status == HttpStatusCode.OK)
                    {
                        stageSeen.TryAdd(status.Json.GetProperty("stage").GetString()!, statusAt);
                    }

                    Answer taken = await api.SendAsync(() => Api.Request(HttpMethod.Get, $"/dev/events?subject={user.JourneyId}", null, null));
                    DateTime takenAt = DateTime.UtcNow;
                    if (taken.Status == HttpStatusCode.OK)
                    {
                        foreach (JsonElement cloudEvent in taken.Json.EnumerateArray())
                        {
                            string type = cloudEvent.GetProperty("type").GetString()!["onboarding.journey.".Length..];
                            eventSeen.TryAdd(type, (cloudEvent.GetProperty("data").GetProperty("stage").GetString()!, takenAt));
                        }
                    }
                }

                await Task.Delay(pollMs);
            }

            await journey;
            foreach ((string type, (string stage, DateTime at)) in eventSeen)
            {
                if (byType.TryGetValue(type, out Samples? samples) && stageSeen.TryGetValue(stage, out DateTime shown))
                {
                    samples.Add(at - shown);
                }
                else
                {
                    unmatched++;
                }
            }
        }

        var result = new EventLagResult { Journeys = options.EventJourneys, PollMs = pollMs, ByType = [.. order.Select(type => (type, byType[type]))], Unmatched = unmatched };
        Say(string.Create(CultureInfo.InvariantCulture, $"events: the topic had an event p50 {result.All.Percentile(50):0} ms, p95 {result.All.Percentile(95):0} ms after the status showed its change"));
        return result;
    }

    void Say(string line) => progress.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {line}");
}
