using Microsoft.DurableTask;
using NSubstitute;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Orchestration;

/// <summary>
/// Runs <see cref="JourneyOrchestrator"/> against a substituted <see cref="TaskOrchestrationContext"/>:
/// events are buffered until waited for and go to the newest waiter (as Durable Task 1.18+ does), timers fire when the test says so
/// (moving the clock to their time), activities answer with predictable HMACs, and a continue-as-new starts the next
/// generation with the events not yet taken (as Durable does with preserved events).
/// Everything completes synchronously, so after each call the orchestrator has reached its next wait.
/// </summary>
public sealed class OrchestrationHarness
{
    readonly Dictionary<string, Queue<object>> buffered = new();
    readonly Dictionary<string, Stack<TaskCompletionSource<object>>> waiting = new();
    readonly List<(DateTime FireAt, TaskCompletionSource Timer, CancellationToken Cancellation)> timers = [];
    readonly Dictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    readonly List<TaskCompletionSource<bool>> heldNotices = [];
    ContinueAsNewOptions? continuation;
    string version;

    public OrchestrationHarness(JourneyPolicy? policy = null, string version = JourneyVersions.Current)
    {
        Policy = policy ?? JourneyPolicy.Default;
        this.version = version;
        Context = Substitute.For<TaskOrchestrationContext>();
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.InstanceId.Returns(JourneyId);
        Context.Version.Returns(_ => this.version);
        Context.SetCustomStatus(Arg.Do<object?>(status =>
        {
            var published = (JourneyCustomStatus)status!;
            CustomStatuses.Add(published);
            AppliedInputs = published.AppliedInputs;
        }));
        Context.When(context => context.ContinueAsNew(Arg.Any<ContinueAsNewOptions>())).Do(call => continuation = call.Arg<ContinueAsNewOptions>());
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var timer = new TaskCompletionSource();
            timers.Add((call.ArgAt<DateTime>(0), timer, call.ArgAt<CancellationToken>(1)));
            return timer.Task;
        });
        Context.CallActivityAsync<string>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
            Answer(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), input => $"{call.ArgAt<TaskName>(0).Name}-hmac-{((ChallengeOrder)input!).Send}"));
        Context.CallActivityAsync<bool>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            string name = call.ArgAt<TaskName>(0).Name;
            if (HoldNotices && name == JourneyActivities.NotifyUser.Name)
            {
                Record(name, call.ArgAt<object?>(1));
                var held = new TaskCompletionSource<bool>();
                heldNotices.Add(held);
                return held.Task;
            }

            bool opens = name is not (JourneyActivities.Names.OpenAccountV2 or JourneyActivities.Names.OpenAccount) || OpenAccountSucceeds;
            return Answer(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), _ => opens);
        });
        Context.CallActivityAsync<DepositsMade>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
            Answer(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), input => new DepositsMade($"amounts-hmac-{((DepositOrder)input!).Cycle}", "****4321")));
        Context.WaitForExternalEvent<PhoneCodeEntered>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<PhoneCodeEntered>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<PhoneCodeResendRequested>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<PhoneCodeResendRequested>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<EmailConfirmed>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<EmailConfirmed>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<EmailLinkResendRequested>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<EmailLinkResendRequested>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<ProfileSubmitted>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<ProfileSubmitted>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<VerificationRequested>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<VerificationRequested>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<DepositAmountsEntered>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<DepositAmountsEntered>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<JourneyCancelled>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<JourneyCancelled>(call.ArgAt<string>(0)));
        Context.WaitForExternalEvent<JourneyUnlocked>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => Wait<JourneyUnlocked>(call.ArgAt<string>(0)));
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

    /// <summary>The inputs each generation started with: the first journey's, then every continue-as-new's.</summary>
    public List<JourneyInput> Generations { get; } = [];

    public bool OpenAccountSucceeds { get; set; } = true;

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
        ChallengeOrder order => order.Record,
        DepositOrder order => order.Record,
        Notice notice => notice.Record,
        JourneyEnd end => end.Record,
        _ => null,
    }).OfType<ProgressReport>();

    public IEnumerable<object?> InputsOf(IJourneyActivity activity) => Activities.Where(call => call.Activity == activity.Name).Select(call => call.Input);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="activity"/> fail as if their retry policy ran out.</summary>
    public void Fail(IJourneyActivity activity, int times) => failuresLeft[activity.Name] = times;

    public OrchestrationHarness Start()
    {
        var input = new JourneyInput(JourneyId, Policy);
        Generations.Add(input);
        Run = new JourneyOrchestrator().RunAsync(Context, input);
        return Settle();
    }

    /// <summary>Raises an event: the newest waiter gets it, or it waits in the buffer (as in Durable).</summary>
    public void Raise<T>(T payload) where T : JourneyInputEvent, IJourneyEvent
    {
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

    public void RequestVerification(int cycle) => Raise(new VerificationRequested(cycle, "****4321"));

    public void EnterAmounts(int cycle, bool right = true) => Raise(new DepositAmountsEntered(cycle, [right ? $"amounts-hmac-{cycle}" : "wrong"]));

    public void Cancel(bool byOperator = false) => Raise(new JourneyCancelled(byOperator, byOperator ? "fraud check" : null));

    public OrchestrationHarness Registered()
    {
        Start();
        EnterPhoneCode(1);
        ConfirmEmail();
        Raise(new ProfileSubmitted());
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
            version = next.NewVersion ?? version;
            var input = (JourneyInput)next.NewInput!;
            Generations.Add(input);
            Run = new JourneyOrchestrator().RunAsync(Context, input);
        }

        return this;
    }

    Task<T> Answer<T>(TaskName name, object? input, Func<object?, T> result)
    {
        Record(name.Name, input);
        if (failuresLeft.TryGetValue(name.Name, out int left) && left > 0)
        {
            failuresLeft[name.Name] = left - 1;
            return Task.FromException<T>(new TaskFailedException(name.Name, 0, new TaskFailureDetails("Azure.RequestFailedException", "the test's storage is down", null, null, null)));
        }

        return Task.FromResult(result(input));
    }

    Task<T> Wait<T>(string name)
    {
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

    Queue<object> Buffer(string name)
    {
        if (!buffered.TryGetValue(name, out Queue<object>? queue))
        {
            buffered[name] = queue = new Queue<object>();
        }

        return queue;
    }

    void Record(string name, object? input) => Activities.Add((name, input));
}
