using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Onboarding.Testing;
using Onboarding.Bench.Users;

namespace Onboarding.Bench.Chaos;

/// <summary>What a chaos journey sets out to do, and so where it must end.</summary>
public enum ChaosScript
{
    /// <summary>Everything right: <c>verified</c>, orchestration completed.</summary>
    Verified,

    /// <summary>Wrong amounts with one attempt and one cycle: <c>locked</c>, orchestration running (waiting for an operator).</summary>
    Locked,

    /// <summary>Stops after confirming the e-mail; the profile window passes: <c>expired</c>, completed.</summary>
    Expired,

    /// <summary>DELETE at a random point: <c>cancelled</c>, completed.</summary>
    Cancelled,

    /// <summary>Stops after the profile: <c>registered</c>, running (waiting for bank details).</summary>
    Registered,

    /// <summary>
    /// Other people's bank details sent with the user's own, at once and again on the deposits-sent e-mail
    /// (decision 24): exactly one of the accounts is paid, the status and the e-mail name it, its amounts
    /// verify the journey: <c>verified</c>, completed.
    /// </summary>
    Contested,
}

/// <summary>
/// Runs many scripted journeys at once against a local host that it kills with SIGKILL at random
/// moments and restarts (same port, task hub, WorkerId, tables and keys). The clients ride out
/// the outages like apps do (retrying through refused connections and 5xx, polling after a 202,
/// starting with an Idempotency-Key). At the end it checks every journey: its stage, its
/// orchestration's runtime status, its messages (each step's message exactly once) and its bank
/// statement (each cycle's deposits exactly once).
/// </summary>
public sealed partial class ChaosRun(ChaosOptions options)
{
    const string WelcomeSubject = "Your account is registered";
    const string DepositsSentSubject = "Check your bank account";
    const string ExpiredSubject = "Your registration has expired";
    const string CancelledSubject = "Your registration was cancelled";
    const string VerifiedSubject = "Your account is verified";
    const string LockedSubject = "Your verification is locked";
    const string DepositsSentSmsStart = "Onboarding: we sent";
    const int DepositCount = 2;

    readonly ConcurrentQueue<string> violations = new();
    readonly Stopwatch clock = new();
    readonly TaskCompletionSource<TimeSpan> firstVerification = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource bankFaultSet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    DateTime origin;

    public async Task<ChaosResult> RunAsync()
    {
        int seed = options.Seed ?? Random.Shared.Next();
        var random = new Random(seed);
        string work = Directory.CreateTempSubdirectory("onboarding-chaos-").FullName;
        Log($"seed {seed}; scenario {options.Scenario}; {options.Journeys} journeys; host log in {work}");
        bool storageFaults = options.Scenario is ChaosScenario.Storage or ChaosScenario.All;
        if (storageFaults && options.StorageConnectionString is not null)
        {
            throw new ArgumentException("The storage faults pause and restart the run's own Azurite: give no storage connection string.");
        }

        ChaosResult result;
        AzuriteProcess? azurite = options.StorageConnectionString is null ? await AzuriteProcess.StartAsync(Repository.Root()) : null;
        try
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Journey__MaxDepositAttempts"] = "1",
                ["Journey__MaxVerificationCycles"] = "1",
                ["Journey__ProfileWindow"] = options.ProfileWindow.ToString("c", CultureInfo.InvariantCulture),
                ["Journey__DepositCount"] = DepositCount.ToString(CultureInfo.InvariantCulture),
                ["DevFaults__Enabled"] = "true",
                ["Events__RelayInterval"] = "00:00:02", // what a step could not publish goes out soon after: the check waits less
            };
            foreach ((string key, string value) in options.Settings)
            {
                settings[key] = value;
            }

            await using var host = new HostProcess(
                options.HostDll ?? Repository.LocalHostDll(Repository.Root()),
                options.StorageConnectionString ?? azurite!.ConnectionString,
                settings,
                Path.Combine(work, "host.log"));
            TimeSpan firstStart = await host.StartAsync();
            Log($"host up in {firstStart.TotalSeconds:0.0} s on {host.BaseAddress}");
            result = await RunAgainstAsync(host, azurite, random, seed);
        }
        finally
        {
            azurite?.Dispose();
        }

        if (result.Violations.Count == 0 && result.Counters.ServerErrorKinds.Keys.All(kind => kind == "503 unavailable"))
        {
            Directory.Delete(work, recursive: true); // the host log is kept only when something went wrong
        }

        return result;
    }

    async Task<ChaosResult> RunAgainstAsync(HostProcess host, AzuriteProcess? azurite, Random random, int seed)
    {
        // A person reads the status or waits for an SMS at a human pace; polling 5 times a second per user (as before)
        // kept an Azurite that had just come back from a pause overloaded (docs/benchmarks.md, finding 12).
        var counters = new ClientCounters();
        var api = new Api(host.Http, new ClientPolicy { RideOutOutages = true, StepTimeout = TimeSpan.FromSeconds(180), StatusPollInterval = TimeSpan.FromMilliseconds(500), OutboxPollInterval = TimeSpan.FromSeconds(1), ResendAfter = options.ResendAfter, MaxRetryAfter = TimeSpan.FromSeconds(5) }, counters);
        ScriptedJourney[] journeys = Deal(random);
        ChaosSchedule schedule = ChaosSchedule.Draw(options, random);
        Log($"kills at {string.Join(", ", schedule.Kills.Select(at => $"{at.TotalSeconds:0.0} s"))}; faults: {string.Join(", ", schedule.Windows(TimeSpan.Zero))}{(schedule.Bank is null ? "" : " (the bank's from the first verification request)")}");

        clock.Restart();
        origin = DateTime.UtcNow;
        object plan = schedule.FaultPlan(origin, null);
        await SetFaultsAsync(host, plan);
        Task bankFault = Task.Run(async () =>
        {
            if (schedule.Bank is null)
            {
                bankFaultSet.TrySetResult();
                return;
            }

            TimeSpan trigger = await firstVerification.Task;
            plan = schedule.FaultPlan(origin, trigger);
            Log($"first verification request at {trigger.TotalSeconds:0.0} s: {string.Join(", ", schedule.Windows(trigger).Where(window => window.Kind == "bank failing"))}");
            await SetFaultsAsync(host, plan);
            bankFaultSet.TrySetResult();
        });
        var downtimes = new List<TimeSpan>();
        Task killer = Task.Run(async () =>
        {
            foreach (TimeSpan at in schedule.Kills)
            {
                await UntilAsync(at);
                var down = Stopwatch.StartNew();
                host.Kill();
                Log($"killed the host (SIGKILL) at {clock.Elapsed.TotalSeconds:0.0} s");
                await host.StartAsync();
                await SetFaultsAsync(host, Volatile.Read(ref plan));
                downtimes.Add(down.Elapsed);
                Log($"restarted in {down.Elapsed.TotalSeconds:0.0} s");
            }
        });
        var windows = new List<FaultWindow>(schedule.Windows(null).Where(window => !window.Kind.StartsWith("storage", StringComparison.Ordinal)));
        Task storage = Task.Run(async () =>
        {
            if (schedule.StoragePause is { } pause)
            {
                await UntilAsync(pause.Start);
                TimeSpan from = clock.Elapsed;
                azurite!.Pause();
                Log($"paused Azurite (SIGSTOP) at {from.TotalSeconds:0.0} s");
                await UntilAsync(pause.End);
                azurite.Resume();
                windows.Add(pause with { Start = from, End = clock.Elapsed });
                Log($"resumed Azurite (SIGCONT) at {clock.Elapsed.TotalSeconds:0.0} s");
            }

            if (schedule.StorageRestart is { } restart)
            {
                await UntilAsync(restart.Start);
                TimeSpan from = clock.Elapsed;
                Log($"stopping Azurite (SIGTERM) at {from.TotalSeconds:0.0} s");
                bool clean = await azurite!.RestartAsync(options.StorageDown);
                windows.Add(restart with { Kind = clean ? restart.Kind : "storage killed and restarted", Start = from, End = clock.Elapsed });
                Log($"Azurite {(clean ? "stopped cleanly and" : "did not stop within 10 s, was killed, and")} listens again at {clock.Elapsed.TotalSeconds:0.0} s");
            }
        });

        await Task.WhenAll(journeys.Select(journey => PlayAsync(journey, api)));
        firstVerification.TrySetResult(clock.Elapsed); // no journey asked for deposits: the bank fault would meet nothing
        await Task.WhenAll(killer, storage, bankFault);
        if (schedule.Bank is not null)
        {
            windows.AddRange(schedule.Windows(firstVerification.Task.Result).Where(window => window.Kind == "bank failing"));
        }
        TimeSpan played = clock.Elapsed;
        Log($"all scripts played in {played.TotalSeconds:0} s; checking");

        await CheckAsync(journeys, api, host);
        string hostLog = await File.ReadAllTextAsync(host.LogFile);
        var result = new ChaosResult
        {
            Scenario = options.Scenario,
            Faults = [.. windows.OrderBy(window => window.Start).Select(window => Recovery(window, journeys))],
            DiscardedNoSuchInstance = Regex.Count(hostLog, "Discarding \\d+ dequeued history event\\(s\\): No such instance"),
            OutOfOrder = Regex.Count(hostLog, "was received out of order"),
            Injected = InjectedPattern().Matches(hostLog).GroupBy(match => $"{match.Groups[1].Value.ToLowerInvariant()} {match.Groups[2].Value}").ToDictionary(g => g.Key, g => g.Count()),
            HostLog = host.LogFile,
            SlowestPlay = journeys.Where(j => j.PlayedAt is not null).GroupBy(j => j.Script.ToString()).ToDictionary(g => g.Key, g => g.Max(j => j.PlayedAt!.Value)),
            Seed = seed,
            Journeys = journeys.Length,
            Kills = downtimes.Count,
            Downtimes = downtimes,
            Duration = clock.Elapsed,
            PlayDuration = played,
            Scripts = journeys.GroupBy(j => j.Script.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            Outcomes = journeys.GroupBy(j => j.FinalStage ?? "(unknown)").ToDictionary(g => g.Key, g => g.Count()),
            RuntimeStatuses = journeys.GroupBy(j => j.RuntimeStatus ?? "(unknown)").ToDictionary(g => g.Key, g => g.Count()),
            DuplicateMessages = journeys.Sum(j => j.DuplicateMessages),
            DuplicateDeposits = journeys.Sum(j => j.DuplicateDeposits),
            EventsKept = journeys.Sum(j => j.Events?.Kept ?? 0),
            EventDeliveries = journeys.Sum(j => j.Events?.Deliveries ?? 0),
            EventRepeats = journeys.Sum(j => j.Events?.Repeats ?? 0),
            EventGaps = journeys.Count(j => j.Events?.Gap == true),
            EventConflicts = journeys.Sum(j => j.Events?.Conflicts ?? 0),
            EventsMissing = journeys.Sum(j => j.Events?.Missing ?? 0),
            Stuck = journeys.Count(j => j.Stuck),
            Violations = violations.ToArray(),
            Counters = counters,
            ProfileWindow = options.ProfileWindow,
        };
        Log(result.Summary());
        return result;
    }

    /// <summary>Waits until <paramref name="at"/> after the first start.</summary>
    async Task UntilAsync(TimeSpan at)
    {
        TimeSpan wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Gives the host the run's ACS and bank fault rules (again after a restart: they live in its memory).</summary>
    static async Task SetFaultsAsync(HostProcess host, object plan)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await host.Http.PutAsJsonAsync("/dev/faults", plan);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt == 20)
            {
                throw new InvalidOperationException($"PUT /dev/faults answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// How long the slowest journey took to move again after <paramref name="window"/> ended: among the
    /// journeys under way then, the time from the end to each one's next step (a step that could not
    /// come before a deadline, such as an expiry, is counted from that deadline).
    /// </summary>
    static FaultResult Recovery(FaultWindow window, ScriptedJourney[] journeys)
    {
        var waits = new List<(ScriptedJourney Journey, TimeSpan Wait)>();
        foreach (ScriptedJourney journey in journeys)
        {
            StepMark[] marks = journey.Marks;
            if (journey.BegunAt is not { } begun || begun > window.End || (journey.PlayedAt is { } played && played <= window.End))
            {
                continue; // not begun yet, or done already
            }

            if (marks.FirstOrDefault(mark => mark.At > window.End) is { } next)
            {
                TimeSpan from = next.NotBefore > window.End ? next.NotBefore : window.End;
                waits.Add((journey, next.At > from ? next.At - from : TimeSpan.Zero));
            }
        }

        (ScriptedJourney Journey, TimeSpan Wait) slowest = waits.OrderByDescending(wait => wait.Wait).FirstOrDefault();
        return new FaultResult(window, waits.Count, slowest.Journey is null ? TimeSpan.Zero : slowest.Wait,
            slowest.Journey is null ? null : $"journey {slowest.Journey.Index} ({slowest.Journey.Script}), step {slowest.Journey.StepAfter(window.End)}");
    }

    ScriptedJourney[] Deal(Random random)
    {
        ChaosScript[] kinds = Enum.GetValues<ChaosScript>();
        var scripts = Enumerable.Range(0, options.Journeys).Select(i => kinds[i % kinds.Length]).ToArray();
        random.Shuffle(scripts);
        return scripts.Select((script, i) => new ScriptedJourney(
            i,
            script,
            People.Next(),
            TimeSpan.FromMilliseconds(random.NextDouble() * options.StartSpread.TotalMilliseconds),
            random.Next(0, 5))).ToArray();
    }

    async Task PlayAsync(ScriptedJourney journey, Api api)
    {
        await Task.Delay(journey.StartDelay);
        journey.BegunAt = clock.Elapsed;
        var user = new SimulatedUser(api, journey.Person);
        journey.User = user;
        try
        {
            await user.StartAsync();
            Mark(journey, "started");
            switch (journey.Script)
            {
                case ChaosScript.Verified:
                    await RegisterAsync(journey, user);
                    await VerifyAsync(journey, user, rightAmounts: true);
                    break;
                case ChaosScript.Locked:
                    await RegisterAsync(journey, user);
                    await VerifyAsync(journey, user, rightAmounts: false);
                    break;
                case ChaosScript.Registered:
                    await RegisterAsync(journey, user);
                    break;
                case ChaosScript.Contested:
                    await RegisterAsync(journey, user);
                    await VerifyContestedAsync(journey, user, api);
                    break;
                case ChaosScript.Expired:
                    await EnterPhoneCodeAsync(journey, user);
                    JsonElement confirmed = await ConfirmEmailAsync(journey, user);
                    DateTime deadline = confirmed.GetProperty("deadline").GetDateTime().ToUniversalTime();
                    await user.WaitForStageAsync("expired", options.ProfileWindow + TimeSpan.FromSeconds(150));
                    Mark(journey, "expired", notBefore: deadline - origin);
                    break;
                case ChaosScript.Cancelled:
                    await CancelSomewhereAsync(journey, user);
                    break;
            }

            journey.PlayedAt = clock.Elapsed;
        }
        catch (JourneyFailedException exception)
        {
            Violation(journey, $"the script failed: {exception.Message}");
        }
    }

    async Task RegisterAsync(ScriptedJourney journey, SimulatedUser user)
    {
        await EnterPhoneCodeAsync(journey, user);
        await ConfirmEmailAsync(journey, user);
        await SubmitProfileAsync(journey, user);
    }

    async Task EnterPhoneCodeAsync(ScriptedJourney journey, SimulatedUser user)
    {
        string code = await user.PhoneCodeAsync();
        Mark(journey, "SMS code received");
        await user.EnterPhoneCodeAsync(code);
        journey.PhoneCodeApplied = true;
        Mark(journey, "phone code applied");
    }

    async Task<JsonElement> ConfirmEmailAsync(ScriptedJourney journey, SimulatedUser user)
    {
        Uri link = await user.EmailLinkAsync();
        Mark(journey, "e-mail link received");
        JsonElement status = await user.ConfirmEmailAsync(link);
        Mark(journey, "e-mail confirmed");
        return status;
    }

    async Task SubmitProfileAsync(ScriptedJourney journey, SimulatedUser user)
    {
        await user.SubmitProfileAsync();
        journey.Registered = true;
        Mark(journey, "profile applied");
    }

    /// <summary>Bank details, the amounts from the statement, then the right or wrong amounts (SimulatedUser.VerifyAsync, step by step).</summary>
    async Task VerifyAsync(ScriptedJourney journey, SimulatedUser user, bool rightAmounts)
    {
        journey.Cycles = 1;
        await BeforeVerificationAsync();
        await user.RequestVerificationAsync();
        Mark(journey, "verification applied");
        string[] amounts = await user.DepositAmountsAsync(1, DepositCount);
        Mark(journey, "deposits received");
        await user.EnterAmountsAsync(rightAmounts ? amounts : SimulatedUser.Wrong(amounts), rightAmounts ? "verified" : "locked");
        Mark(journey, "amounts applied");
    }

    /// <summary>
    /// The user's bank details and two other accounts' at once; once the deposits-sent e-mail is there, two
    /// more. Whichever the journey took is the one paid: its amounts verify it. The answers to the others
    /// are not looked at (409s, or outages): what counts is what the journey recorded, which the checks read.
    /// </summary>
    async Task VerifyContestedAsync(ScriptedJourney journey, SimulatedUser user, Api api)
    {
        journey.Cycles = 1;
        await BeforeVerificationAsync();
        journey.Accounts = [journey.Person.AccountNumber, People.Next().AccountNumber, People.Next().AccountNumber];
        await Task.WhenAll(journey.Accounts.Select(account => SendBankDetailsAsync(user, api, journey.Person with { AccountNumber = account })));
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (SimulatedUser.StageOf(await user.StatusAsync()) != "awaitingDepositAmounts")
        {
            // All of them met an outage, or none is applied yet: the user sends their own again (the same details are the same input).
            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException("no bank details were taken");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            await SendBankDetailsAsync(user, api, journey.Person);
        }

        Mark(journey, "verification applied");
        await user.WaitForMessageAsync(journey.Person.Email, message => message.GetProperty("subject").GetString() == DepositsSentSubject, "deposits-sent e-mail", CancellationToken.None);
        string[] late = [People.Next().AccountNumber, People.Next().AccountNumber];
        journey.Accounts = [.. journey.Accounts, .. late];
        await Task.WhenAll(late.Select(account => SendBankDetailsAsync(user, api, journey.Person with { AccountNumber = account })));

        (string account, string[] amounts) = await PaidAsync(journey, user);
        journey.PaidAccount = account;
        Mark(journey, "deposits received");
        await user.EnterAmountsAsync(amounts, "verified");
        Mark(journey, "amounts applied");
    }

    static async Task SendBankDetailsAsync(SimulatedUser user, Api api, Person holder) =>
        await api.TryOnceAsync(() => Api.Request(HttpMethod.Post, user.JourneyPath("/verification"), People.BankDetails(holder), user.Token));

    /// <summary>The one account of the journey's cycle-1 deposits, and their amounts (waits for them).</summary>
    async Task<(string Account, string[] Amounts)> PaidAsync(ScriptedJourney journey, SimulatedUser user)
    {
        string reference = SimulatedUser.ReferenceOf(user.JourneyId, 1);
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            foreach (string account in journey.Accounts)
            {
                string[] amounts = [.. (await user.TransfersAsync(account)).Where(t => t.GetProperty("reference").GetString() == reference).Select(t => t.GetProperty("amount").GetString()!)];
                if (amounts.Length == DepositCount)
                {
                    return (account, amounts);
                }
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException($"no deposits with reference {reference} into any of the accounts sent");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Cancels after 0 to 4 steps: right after the start, after the code, the link, the profile or the bank details.</summary>
    async Task CancelSomewhereAsync(ScriptedJourney journey, SimulatedUser user)
    {
        if (journey.CancelAfterSteps >= 1)
        {
            await EnterPhoneCodeAsync(journey, user);
        }

        if (journey.CancelAfterSteps >= 2)
        {
            await ConfirmEmailAsync(journey, user);
        }

        if (journey.CancelAfterSteps >= 3)
        {
            await SubmitProfileAsync(journey, user);
        }

        if (journey.CancelAfterSteps >= 4)
        {
            journey.Cycles = 1;
            await BeforeVerificationAsync();
            await user.RequestVerificationAsync();
            Mark(journey, "verification applied");
        }

        await user.CancelAsync();
        Mark(journey, "cancelled");
    }

    /// <summary>The first verification request starts the bank fault: every one waits until its rules are in place.</summary>
    async Task BeforeVerificationAsync()
    {
        firstVerification.TrySetResult(clock.Elapsed);
        await bankFaultSet.Task;
    }

    void Mark(ScriptedJourney journey, string step, TimeSpan? notBefore = null) => journey.Mark(new StepMark(step, clock.Elapsed, notBefore ?? TimeSpan.Zero));

    async Task CheckAsync(ScriptedJourney[] journeys, Api api, HostProcess host)
    {
        DateTime settleBy = DateTime.UtcNow + options.SettleTimeout;
        foreach (ScriptedJourney journey in journeys.Where(j => j.User is { JourneyId.Length: > 0 }))
        {
            SimulatedUser user = journey.User!;
            try
            {
                await CheckStageAsync(journey, user, api, host, settleBy);
                await CheckMessagesAsync(journey, user);
                await CheckDepositsAsync(journey, user);
                await CheckEventsAsync(journey, user, api, host, settleBy);
            }
            catch (JourneyFailedException exception)
            {
                Violation(journey, $"could not be checked: {exception.Message}");
            }
        }

        foreach (ScriptedJourney journey in journeys.Where(j => j.User is not { JourneyId.Length: > 0 }))
        {
            Violation(journey, "never started");
        }
    }

    /// <summary>The stage the script implies, and an orchestration that got there: completed, or running and waiting as designed.</summary>
    async Task CheckStageAsync(ScriptedJourney journey, SimulatedUser user, Api api, HostProcess host, DateTime settleBy)
    {
        (string stage, string runtime) expected = journey.Script switch
        {
            ChaosScript.Verified or ChaosScript.Contested => ("verified", "completed"),
            ChaosScript.Locked => ("locked", "running"),
            ChaosScript.Expired => ("expired", "completed"),
            ChaosScript.Cancelled => ("cancelled", "completed"),
            _ => ("registered", "running"),
        };

        while (true)
        {
            Answer answer = await api.SendAsync(() => Api.Request(HttpMethod.Get, $"/api/ops/journeys/{user.JourneyId}", null, null, new Dictionary<string, string> { ["x-functions-key"] = host.OperatorKey }));
            if (answer.Status != HttpStatusCode.OK)
            {
                throw new JourneyFailedException($"ops view answered {(int)answer.Status}: {answer.Body}");
            }

            JsonElement view = answer.Json;
            journey.FinalStage = view.GetProperty("stage").GetString();
            journey.RuntimeStatus = view.GetProperty("runtimeStatus").GetString();
            if (journey.FinalStage == expected.stage && journey.RuntimeStatus == expected.runtime)
            {
                return;
            }

            if (DateTime.UtcNow > settleBy)
            {
                journey.Stuck = journey.RuntimeStatus != expected.runtime;
                Violation(journey, $"ended in stage {journey.FinalStage} / runtime {journey.RuntimeStatus}; its script implies {expected.stage} / {expected.runtime}");
                return;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Each step's message exactly once: per kind, the count the script implies; and no two messages alike.</summary>
    async Task CheckMessagesAsync(ScriptedJourney journey, SimulatedUser user)
    {
        JsonElement[] messages = [.. await user.MessagesAsync(journey.Person.Phone), .. await user.MessagesAsync(journey.Person.Email)];
        var actual = messages.GroupBy(KindOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal) { ["sms: code"] = 1 };
        if (journey.PhoneCodeApplied)
        {
            expected["e-mail: confirmation link"] = 1;
        }

        if (journey.Registered)
        {
            expected["e-mail: " + WelcomeSubject] = 1;
        }

        if (journey.Cycles > 0)
        {
            expected["e-mail: " + DepositsSentSubject] = journey.Cycles;
            expected["sms: deposits sent"] = journey.Cycles;
        }

        string? last = journey.Script switch
        {
            ChaosScript.Verified or ChaosScript.Contested => VerifiedSubject,
            ChaosScript.Locked => LockedSubject,
            ChaosScript.Expired => ExpiredSubject,
            ChaosScript.Cancelled => CancelledSubject,
            _ => null,
        };
        if (last is not null)
        {
            expected["e-mail: " + last] = 1;
        }

        foreach (string kind in expected.Keys.Union(actual.Keys))
        {
            int want = expected.GetValueOrDefault(kind), have = actual.GetValueOrDefault(kind);
            if (have > want)
            {
                journey.DuplicateMessages += have - want;
                Violation(journey, $"{have} × \"{kind}\", expected {want}: a step's message went out twice");
            }
            else if (have < want)
            {
                Violation(journey, $"{have} × \"{kind}\", expected {want}: a step's message is missing");
            }
        }

        // Belt and braces: no two messages alike (numbers and links blanked) beyond what the counts above caught.
        foreach (var alike in messages.GroupBy(message => $"{message.GetProperty("channel").GetString()}|{message.GetProperty("subject")}|{Normalize(SimulatedUser.Text(message))}").Where(g => g.Count() > 1))
        {
            string kind = KindOf(alike.First());
            if (actual.GetValueOrDefault(kind) <= expected.GetValueOrDefault(kind))
            {
                journey.DuplicateMessages += alike.Count() - 1;
                Violation(journey, $"{alike.Count()} messages alike: {alike.Key}");
            }
        }
    }

    static string KindOf(JsonElement message)
    {
        string channel = message.GetProperty("channel").GetString()!;
        string text = SimulatedUser.Text(message);
        if (channel == "sms")
        {
            return text.StartsWith(DepositsSentSmsStart, StringComparison.Ordinal) ? "sms: deposits sent"
                : CodePattern().IsMatch(text) ? "sms: code"
                : "sms: " + Normalize(text);
        }

        return text.Contains("/email-confirmation?token=", StringComparison.Ordinal)
            ? "e-mail: confirmation link"
            : "e-mail: " + message.GetProperty("subject").GetString();
    }

    /// <summary>Text with numbers and links blanked: two messages of one step compare equal.</summary>
    static string Normalize(string text) => DigitsPattern().Replace(LinkPattern().Replace(text, "<link>"), "#");

    /// <summary>Each cycle's deposits exactly once: per reference exactly the deposit count, and only the cycles the script started.</summary>
    async Task CheckDepositsAsync(ScriptedJourney journey, SimulatedUser user)
    {
        if (journey.Script == ChaosScript.Contested)
        {
            await CheckContestedAsync(journey, user);
        }

        JsonElement[] transfers = journey.Script == ChaosScript.Contested
            ? [.. (await Task.WhenAll(journey.Accounts.Select(account => user.TransfersAsync(account)))).SelectMany(t => t)]
            : await user.TransfersAsync();
        var byReference = transfers.GroupBy(t => t.GetProperty("reference").GetString()!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expectedReferences = Enumerable.Range(1, journey.Cycles).Select(cycle => SimulatedUser.ReferenceOf(user.JourneyId, cycle)).ToHashSet(StringComparer.Ordinal);
        foreach ((string reference, int count) in byReference)
        {
            if (!expectedReferences.Contains(reference))
            {
                journey.DuplicateDeposits += count;
                Violation(journey, $"{count} deposits with reference {reference}, which the script never asked for");
            }
            else if (count != DepositCount)
            {
                journey.DuplicateDeposits += Math.Max(0, count - DepositCount);
                Violation(journey, $"{count} deposits with reference {reference}, expected {DepositCount}");
            }
        }

        // A journey that ends cancelled forgets its personal data at once, the stand-in bank's rows of
        // it included (README "Personal data"): its statement is gone, and what is left can only be
        // deposits a step made after the end, which the checks above count.
        if (journey.Script == ChaosScript.Cancelled)
        {
            return;
        }

        foreach (string missing in expectedReferences.Where(reference => !byReference.ContainsKey(reference)))
        {
            Violation(journey, $"no deposits with reference {missing}");
        }
    }

    /// <summary>Of the accounts sent, only the one paid holds the journey's deposits; the deposits-sent e-mail and the status name it.</summary>
    async Task CheckContestedAsync(ScriptedJourney journey, SimulatedUser user)
    {
        string prefix = SimulatedUser.ReferenceOf(user.JourneyId, 1)[..^1];
        string[] paid = [.. (await Task.WhenAll(journey.Accounts.Select(async account => (account, transfers: await user.TransfersAsync(account)))))
            .Where(entry => entry.transfers.Any(t => t.GetProperty("reference").GetString()!.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(entry => entry.account)];
        if (paid.Length != 1 || paid[0] != journey.PaidAccount)
        {
            Violation(journey, $"accounts paid: {string.Join(", ", paid.Select(account => "…" + account[^4..]))}; the amounts entered were {(journey.PaidAccount is { } entered ? "…" + entered[^4..] : "none")}'s");
            return;
        }

        string last4 = paid[0][^4..];
        JsonElement[] mails = (await user.MessagesAsync(journey.Person.Email)).Where(message => message.GetProperty("subject").GetString() == DepositsSentSubject).ToArray();
        if (mails.Any(mail => !SimulatedUser.Text(mail).Contains(last4, StringComparison.Ordinal)))
        {
            Violation(journey, $"a deposits-sent e-mail does not name the account paid (…{last4})");
        }

        JsonElement status = await user.StatusAsync();
        string? shown = status.TryGetProperty("verification", out JsonElement verification) && verification.ValueKind == JsonValueKind.Object ? verification.GetProperty("bankAccount").GetString() : null;
        if (shown is null || !shown.EndsWith(last4, StringComparison.Ordinal))
        {
            Violation(journey, $"the status shows account {shown ?? "none"}, the deposits went to …{last4}");
        }
    }

    /// <summary>The journey's events: kept 1..n without a gap as the script implies, each taken by the topic, each id with one content.</summary>
    async Task CheckEventsAsync(ScriptedJourney journey, SimulatedUser user, Api api, HostProcess host, DateTime settleBy)
    {
        EventFindings findings = await EventCheck.CheckAsync(api, host, user.JourneyId, EventCheck.Expected(journey.Script, journey.CancelAfterSteps), settleBy);
        journey.Events = findings;
        foreach (string problem in findings.Problems)
        {
            Violation(journey, problem);
        }
    }

    void Violation(ScriptedJourney journey, string what)
    {
        string line = $"journey {journey.Index} ({journey.Script}, {journey.User?.JourneyId ?? "not started"}): {what}";
        violations.Enqueue(line);
        Log("VIOLATION " + line);
    }

    void Log(string line) => options.Log($"[chaos {DateTime.UtcNow:HH:mm:ss}] {line}");

    [GeneratedRegex(@"Injected fault: (\w+) (\w+)")]
    private static partial Regex InjectedPattern();

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    sealed class ScriptedJourney(int index, ChaosScript script, Person person, TimeSpan startDelay, int cancelAfterSteps)
    {
        public int Index => index;
        public ChaosScript Script => script;
        public Person Person => person;
        public TimeSpan StartDelay => startDelay;
        public int CancelAfterSteps => cancelAfterSteps;
        public SimulatedUser? User { get; set; }
        public bool PhoneCodeApplied { get; set; }
        public bool Registered { get; set; }
        public int Cycles { get; set; }

        /// <summary>A contested journey's accounts: the user's own and the others sent with it; and the one paid.</summary>
        public string[] Accounts { get; set; } = [];
        public string? PaidAccount { get; set; }
        public TimeSpan? PlayedAt { get; set; }

        /// <summary>When the user sent the first request (the start).</summary>
        public TimeSpan? BegunAt { get; set; }
        public string? FinalStage { get; set; }
        public string? RuntimeStatus { get; set; }
        public bool Stuck { get; set; }
        public int DuplicateMessages { get; set; }
        public int DuplicateDeposits { get; set; }
        public EventFindings? Events { get; set; }

        readonly List<StepMark> marks = [];

        /// <summary>The steps done so far, in order.</summary>
        public StepMark[] Marks
        {
            get
            {
                lock (marks)
                {
                    return [.. marks];
                }
            }
        }

        public void Mark(StepMark mark)
        {
            lock (marks)
            {
                marks.Add(mark);
            }
        }

        /// <summary>The name of the first step done after <paramref name="at"/>.</summary>
        public string StepAfter(TimeSpan at) => Marks.FirstOrDefault(mark => mark.At > at)?.Step ?? "(none)";
    }
}
