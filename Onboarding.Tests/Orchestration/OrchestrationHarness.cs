using System.Reflection;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Orchestration;

/// <summary>
/// Runs <see cref="JourneyOrchestrator"/> on a context of its own: events are buffered until waited for and go to the newest
/// waiter (as Durable Task 1.18+ does), timers fire when the test says so (moving the clock to their time), activities
/// answer with predictable HMACs, and a continue-as-new starts the next generation on the version it names.
/// Everything completes synchronously, so after each call the orchestrator has reached its next wait.
/// Every event of the journey (<see cref="IJourneyEvent"/>) can be waited for and raised; a wait for any other event,
/// or an activity whose result type the harness cannot answer, fails the test at once, naming it (<see cref="HarnessGap"/>).
/// Every decision the orchestrator makes is written to <see cref="Trace"/>, which <see cref="FrozenVersionTests"/>
/// compares with each released version's golden files.
/// </summary>
public sealed class OrchestrationHarness
{
    /// <summary>Every event a journey may wait for, by wire name.</summary>
    static readonly IReadOnlyDictionary<string, Type> JourneyEvents = typeof(IJourneyEvent).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(IJourneyEvent).IsAssignableFrom(type))
        .ToDictionary(type => (string)type.GetProperty(nameof(IJourneyEvent.Name), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!, type => type, StringComparer.Ordinal);

    readonly Dictionary<string, Queue<object>> buffered = new();
    readonly Dictionary<string, Stack<TaskCompletionSource<object>>> waiting = new();
    readonly List<(DateTime FireAt, TaskCompletionSource Timer, CancellationToken Cancellation)> timers = [];
    readonly Dictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    readonly List<TaskCompletionSource<bool>> heldNotices = [];
    ContinueAsNewOptions? continuation;
    string version;
    bool ended;

    public OrchestrationHarness(JourneyPolicy? policy = null, string version = JourneyVersions.Current)
    {
        Policy = policy ?? JourneyPolicy.Default;
        this.version = version;
        Context = new HarnessContext(this);
    }

    public const string JourneyId = "0123456789abcdef0123456789abcdef";

    public TaskOrchestrationContext Context { get; }

    public JourneyPolicy Policy { get; }

    public DateTime Now { get; private set; } = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public List<JourneyCustomStatus> CustomStatuses { get; } = [];

    public IEnumerable<JourneyProgress> Statuses => CustomStatuses.Select(status => status.Progress);

    public IReadOnlyList<string> AppliedInputs { get; private set; } = [];

    public JourneyProgress Status => CustomStatuses[^1].Progress;

    public List<(string Activity, object? Input)> Activities { get; } = [];

    /// <summary>Every decision of the orchestrator and every input of the test, in order, one line each (JSON in the journey's data format).</summary>
    public List<string> Trace { get; } = [];

    /// <summary>The inputs each generation started with: the first journey's, then every continue-as-new's.</summary>
    public List<JourneyInput> Generations { get; } = [];

    public bool OpenAccountSucceeds { get; set; } = true;

    /// <summary>
    /// While set, a generation that continues as new is followed by one on the same version, whatever
    /// version it names (which the trace shows as "the current one" when it is): what a frozen version
    /// decides, generation after generation, without the newer versions' decisions in its trace.
    /// </summary>
    public bool StaysOnItsVersion { get; init; }

    /// <summary>While set, messages to the user stay "on their way": the orchestrator waits in that activity.</summary>
    public bool HoldNotices { get; set; }

    public Task<JourneyStage> Run { get; private set; } = Task.FromResult(JourneyStage.AwaitingPhoneCode);

    /// <summary>How the orchestration ended; fails the test if it has not (or only continued as new).</summary>
    public JourneyStage Outcome
    {
        get
        {
            Assert.True(Run.IsCompletedSuccessfully, $"the orchestration has not completed ({Run.Status}, {Run.Exception?.InnerException?.Message})");
            return Run.GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// What the user was told, whichever step told them: a notice, the end of the journey, or the
    /// deposits' own step (version 2 tells the user the deposits are on their way from the step that pays them).
    /// </summary>
    public IEnumerable<Notice> Notices => Activities.SelectMany<(string Activity, object? Input), Notice>(call => call.Input switch
    {
        Notice notice => [notice],
        JourneyEnd end => [new Notice(JourneyId, end.Notice, end.Notice.ToString(), Reason: end.Reason, Record: end.Record)],
        DepositOrder { Record: { } record } order => [new Notice(JourneyId, NoticeKind.DepositsSent, $"deposits-sent-{order.Cycle}", record.Progress.Deadline, order.Count)],
        _ => [],
    });

    /// <summary>Every stage change a step recorded for operators, in order.</summary>
    public IEnumerable<ProgressReport> Records => Activities.Select(call => call.Input switch
    {
        ProgressReport report => report,
        AccountOrder order => order.Record,
        VerificationOrder order => order.Record,
        ChallengeOrder order => order.Record,
        DepositOrder order => order.Record,
        Notice notice => notice.Record,
        JourneyEnd end => end.Record,
        _ => null,
    }).OfType<ProgressReport>();

    public IEnumerable<object?> InputsOf(IJourneyActivity activity) => Activities.Where(call => call.Activity == activity.Name).Select(call => call.Input);

    /// <summary>The deposit orders, whichever version's step paid them (version 3 names the bank details too).</summary>
    public IEnumerable<DepositOrder> DepositOrders =>
        InputsOf(JourneyActivities.SendDeposits).Concat(InputsOf(JourneyActivities.SendDepositsV3)).Cast<DepositOrder>();

    /// <summary>What the step that opened the account recorded, whichever version's step it was.</summary>
    public IEnumerable<ProgressReport> AccountsOpened => InputsOf(JourneyActivities.OpenAccountV2).Cast<ProgressReport>()
        .Concat(InputsOf(JourneyActivities.OpenAccountV3).Cast<AccountOrder>().Select(order => order.Record));

    /// <summary>What the step that verified the account recorded, whichever version's step it was.</summary>
    public IEnumerable<ProgressReport> Verifications => InputsOf(JourneyActivities.CompleteVerificationV2).Cast<ProgressReport>()
        .Concat(InputsOf(JourneyActivities.CompleteVerificationV3).Cast<VerificationOrder>().Select(order => order.Record));

    /// <summary>The next <paramref name="times"/> calls of <paramref name="activity"/> fail as if their retry policy ran out.</summary>
    public void Fail(IJourneyActivity activity, int times) => failuresLeft[activity.Name] = times;

    public OrchestrationHarness Start()
    {
        var input = new JourneyInput(JourneyId, Policy);
        Generations.Add(input);
        Note($"> start on version '{version}'", input);
        Run = new JourneyOrchestrator().RunAsync(Context, input);
        return Settle();
    }

    /// <summary>Raises an event: the newest waiter gets it, or it waits in the buffer (as in Durable).</summary>
    public void Raise<T>(T payload) where T : JourneyInputEvent, IJourneyEvent
    {
        Note($"> event {T.Name}", payload);
        if (waiting.TryGetValue(T.Name, out Stack<TaskCompletionSource<object>>? waiters) && waiters.Count > 0)
        {
            waiters.Pop().SetResult(payload);
        }
        else
        {
            Buffer(T.Name).Enqueue(payload);
        }

        Settle();
    }

    /// <summary>Moves the clock to the earliest live timer and fires it (<paramref name="early"/> before its time, as Azure Storage can).</summary>
    public void FireNextTimer(TimeSpan early = default)
    {
        (DateTime fireAt, TaskCompletionSource timer, _) = timers
            .Where(entry => !entry.Timer.Task.IsCompleted && !entry.Cancellation.IsCancellationRequested)
            .OrderBy(entry => entry.FireAt)
            .First();
        Now = fireAt - early;
        Note($"> timer at {fireAt:O} fires at {Now:O}");
        timer.SetResult();
        Settle();
    }

    public int LiveTimers => timers.Count(entry => !entry.Timer.Task.IsCompleted && !entry.Cancellation.IsCancellationRequested);

    public void Advance(TimeSpan by) => Now += by;

    public void ReleaseNotices()
    {
        HoldNotices = false;
        foreach (TaskCompletionSource<bool> held in heldNotices.ToArray())
        {
            held.TrySetResult(true);
        }

        Settle();
    }

    // Typical inputs, as the HTTP handlers would raise them.
    public void EnterPhoneCode(int send) => Raise(new PhoneCodeEntered([$"{JourneyActivities.SendPhoneCode.Name}-hmac-{send}"]));

    public void EnterWrongPhoneCode() => Raise(new PhoneCodeEntered(["wrong"]));

    public void ConfirmEmail(int send = 1) => Raise(new EmailConfirmed([$"{JourneyActivities.SendEmailLink.Name}-hmac-{send}"]));

    /// <summary>
    /// Bank details for the cycle, as the edge raises them: from version 3 on, naming the input it stored
    /// (versions before it name none, as their builds raised them: their golden files say so).
    /// </summary>
    public void RequestVerification(int cycle, string inputId = "") =>
        Raise(new VerificationRequested(cycle, "****4321") { InputId = inputId, Bound = BindsInputs ? new BoundInput($"bank-{cycle}", $"bank-input-{cycle}", $"bank-hash-{cycle}") : null });

    /// <summary>The profile, as the edge raises it (from version 3 on, naming the input it stored).</summary>
    public void SubmitProfile(string inputId = "") =>
        Raise(new ProfileSubmitted { InputId = inputId, Bound = BindsInputs ? new BoundInput("profile", "profile-input", "profile-hash") : null });

    bool BindsInputs => string.CompareOrdinal(version, JourneyVersions.V3) >= 0;

    /// <summary>While set, the verification step finds the account paid is another person's: it verifies nothing.</summary>
    public bool AccountOfAnotherPerson { get; set; }

    /// <summary>While set, the deposits step of version 3 finds the input it was named gone, and pays nothing.</summary>
    public bool BankInputGone { get; set; }

    public void EnterAmounts(int cycle, bool right = true) => Raise(new DepositAmountsEntered(cycle, [right ? $"amounts-hmac-{cycle}" : "wrong"]));

    public void Cancel(bool byOperator = false) => Raise(new JourneyCancelled(byOperator, byOperator ? "fraud check" : null));

    public OrchestrationHarness Registered()
    {
        Start();
        EnterPhoneCode(1);
        ConfirmEmail();
        SubmitProfile();
        Assert.Equal(JourneyStage.Registered, Status.Stage);
        return this;
    }

    /// <summary>
    /// After each step of the test: when the generation ended by continuing as new, start the next
    /// one with its input and version; its waits are new, the events not yet taken are still there.
    /// </summary>
    OrchestrationHarness Settle()
    {
        while (Run.IsCompletedSuccessfully && continuation is { } next)
        {
            continuation = null;
            waiting.Clear();
            timers.Clear();
            version = StaysOnItsVersion ? version : next.NewVersion ?? version;
            var input = (JourneyInput)next.NewInput!;
            Generations.Add(input);
            Run = new JourneyOrchestrator().RunAsync(Context, input);
        }

        if (Run.Exception?.InnerException is HarnessGap gap)
        {
            throw gap;
        }

        if (Run.IsCompleted && !ended)
        {
            ended = true;
            Note(Run.IsCompletedSuccessfully ? $"completed as {Run.Result}" : $"failed: {Run.Exception?.InnerException?.GetType().Name}");
        }

        return this;
    }

    Task<T> CallActivity<T>(string name, object? input, TaskOptions? options)
    {
        Activities.Add((name, input));
        Note($"activity {name}{Retries(options)}", input);
        if (failuresLeft.TryGetValue(name, out int left) && left > 0)
        {
            failuresLeft[name] = left - 1;
            Note($"activity {name} fails");
            return Task.FromException<T>(new TaskFailedException(name, 0, new TaskFailureDetails("Azure.RequestFailedException", "the test's storage is down", null, null, null)));
        }

        object result = input switch
        {
            ChallengeOrder order when typeof(T) == typeof(string) => $"{name}-hmac-{order.Send}",
            DepositOrder { Bank: not null } when typeof(T) == typeof(DepositsMade) && BankInputGone => new DepositsMade("", ""),
            DepositOrder order when typeof(T) == typeof(DepositsMade) => new DepositsMade($"amounts-hmac-{order.Cycle}", "****4321"),
            _ when typeof(T) == typeof(bool) && HoldNotices && name == JourneyActivities.NotifyUser.Name => Held(),
            _ when typeof(T) == typeof(bool) && name == JourneyActivities.Names.CompleteVerificationV3 => !AccountOfAnotherPerson,
            _ when typeof(T) == typeof(bool) => name is not (JourneyActivities.Names.OpenAccountV3 or JourneyActivities.Names.OpenAccountV2 or JourneyActivities.Names.OpenAccount) || OpenAccountSucceeds,
            _ => throw new HarnessGap($"The orchestration calls activity '{name}' with a {input?.GetType().Name ?? "null"} for a {typeof(T).Name}, which OrchestrationHarness cannot answer: add an answer in CallActivity."),
        };
        return result as Task<T> ?? Task.FromResult((T)result);

        Task<bool> Held()
        {
            var held = new TaskCompletionSource<bool>();
            heldNotices.Add(held);
            return held.Task;
        }
    }

    Task CreateTimer(DateTime fireAt, CancellationToken cancellation)
    {
        var timer = new TaskCompletionSource();
        timers.Add((fireAt, timer, cancellation));
        Note($"timer at {fireAt:O}");
        cancellation.Register(() => Note($"timer at {fireAt:O} cancelled"));
        return timer.Task;
    }

    Task<T> Wait<T>(string name)
    {
        if (!JourneyEvents.TryGetValue(name, out Type? type) || type != typeof(T))
        {
            throw new HarnessGap($"The orchestration waits for event '{name}' as a {typeof(T).Name}, which is not an event of the journey (an {nameof(IJourneyEvent)} of that name): OrchestrationHarness cannot raise it.");
        }

        Note($"wait for {name}");
        if (Buffer(name).TryDequeue(out object? payload))
        {
            return Task.FromResult((T)payload);
        }

        var waiter = new TaskCompletionSource<object>();
        if (!waiting.TryGetValue(name, out Stack<TaskCompletionSource<object>>? waiters))
        {
            waiting[name] = waiters = new Stack<TaskCompletionSource<object>>();
        }

        waiters.Push(waiter);
        return waiter.Task.ContinueWith(task => (T)task.Result, TaskContinuationOptions.ExecuteSynchronously);
    }

    void SetCustomStatus(object? status)
    {
        var published = (JourneyCustomStatus)status!;
        CustomStatuses.Add(published);
        AppliedInputs = published.AppliedInputs;
        Note("status", published);
    }

    void ContinueAsNew(ContinueAsNewOptions options)
    {
        continuation = options;
        string onto = options.NewVersion == JourneyVersions.Current ? "the current one" : $"'{options.NewVersion}'";
        Note($"continue as new on version {onto}, events kept: {options.PreserveUnprocessedEvents}", options.NewInput);
    }

    Queue<object> Buffer(string name)
    {
        if (!buffered.TryGetValue(name, out Queue<object>? queue))
        {
            buffered[name] = queue = new Queue<object>();
        }

        return queue;
    }

    /// <summary>The retry policy an activity is called with: Durable replays its retries as timers, so it is a decision too.</summary>
    static string Retries(TaskOptions? options) => options?.Retry?.Policy is { } policy
        ? $" (retried: {policy.MaxNumberOfAttempts} tries, {policy.FirstRetryInterval} x{policy.BackoffCoefficient} up to {policy.MaxRetryInterval}, timeout {policy.RetryTimeout})"
        : options?.Retry is null ? "" : " (retried by a handler)";

    void Note(string what, object? payload = null) =>
        Trace.Add(payload is null ? what : $"{what} {JsonSerializer.Serialize(payload, payload.GetType(), JourneyDataFormat.Options)}");

    /// <summary>The orchestration's context: what Durable would do, by the harness's clock and script.</summary>
    sealed class HarnessContext(OrchestrationHarness harness) : TaskOrchestrationContext
    {
        public override TaskName Name => JourneyOrchestrator.Name;

        public override string InstanceId => JourneyId;

        public override ParentOrchestrationInstance? Parent => null;

        public override DateTime CurrentUtcDateTime => harness.Now;

        public override bool IsReplaying => false;

        public override string Version => harness.version;

        public override TaskOrchestrationEntityFeature Entities => throw new HarnessGap("The orchestration uses entities, which OrchestrationHarness does not have.");

        protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

        public override T? GetInput<T>() where T : default => throw new HarnessGap("The orchestration reads its input from the context; OrchestrationHarness hands it over as RunAsync's argument.");

        public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) => harness.CallActivity<TResult>(name.Name, input, options);

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => harness.CreateTimer(fireAt, cancellationToken);

        public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => harness.Wait<T>(eventName);

        public override void SendEvent(string instanceId, string eventName, object payload) => throw new HarnessGap($"The orchestration sends event '{eventName}', which OrchestrationHarness does not expect.");

        public override void SetCustomStatus(object? customStatus) => harness.SetCustomStatus(customStatus);

        public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
            throw new HarnessGap($"The orchestration calls sub-orchestration '{orchestratorName.Name}', which OrchestrationHarness does not expect.");

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
            harness.ContinueAsNew(new ContinueAsNewOptions { NewInput = newInput, PreserveUnprocessedEvents = preserveUnprocessedEvents });

        public override void ContinueAsNew(ContinueAsNewOptions options) => harness.ContinueAsNew(options);

        public override Guid NewGuid() => throw new HarnessGap("The orchestration asks for a new GUID, which OrchestrationHarness does not expect.");
    }
}

/// <summary>The orchestration asked the harness for something it cannot give: the message names it.</summary>
public sealed class HarnessGap(string message) : Exception(message);
