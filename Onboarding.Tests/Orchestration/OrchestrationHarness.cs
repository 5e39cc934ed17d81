using Microsoft.DurableTask;
using NSubstitute;
using Onboarding.Application.Journeys;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Orchestration;

/// <summary>
/// Runs <see cref="JourneyOrchestrator"/> against a substituted <see cref="TaskOrchestrationContext"/>:
/// events are buffered until waited for and go to the newest waiter (as Durable Task 1.18+ does), timers fire when the test says so
/// (moving the clock to their time), and activities answer with predictable HMACs.
/// Everything completes synchronously, so after each call the orchestrator has reached its next wait.
/// </summary>
public sealed class OrchestrationHarness
{
    readonly Dictionary<string, Queue<object>> buffered = new();
    readonly Dictionary<string, Stack<TaskCompletionSource<object>>> waiting = new();
    readonly List<(DateTime FireAt, TaskCompletionSource Timer, CancellationToken Cancellation)> timers = [];

    public OrchestrationHarness(JourneyPolicy? policy = null)
    {
        Policy = policy ?? JourneyPolicy.Default;
        Context = Substitute.For<TaskOrchestrationContext>();
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.InstanceId.Returns(JourneyId);
        Context.SetCustomStatus(Arg.Do<object?>(status =>
        {
            var published = (JourneyCustomStatus)status!;
            Statuses.Add(published.Progress);
            AppliedInputs = published.AppliedInputs;
        }));
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var timer = new TaskCompletionSource();
            timers.Add((call.ArgAt<DateTime>(0), timer, call.ArgAt<CancellationToken>(1)));
            return timer.Task;
        });
        Context.CallActivityAsync<string>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            Record(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1));
            var order = (ChallengeOrder)call.ArgAt<object?>(1)!;
            return Task.FromResult($"{call.ArgAt<TaskName>(0).Name}-hmac-{order.Send}");
        });
        Context.CallActivityAsync<bool>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            Record(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1));
            return Task.FromResult(OpenAccountSucceeds);
        });
        Context.CallActivityAsync<DepositsMade>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            Record(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1));
            var order = (DepositOrder)call.ArgAt<object?>(1)!;
            return Task.FromResult(new DepositsMade($"amounts-hmac-{order.Cycle}", "****4321"));
        });
        Context.CallActivityAsync<object>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            Record(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1));
            return Task.FromResult<object>(true);
        });
        Context.CallActivityAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            Record(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1));
            if (HoldNotices && call.ArgAt<TaskName>(0).Name == JourneyActivities.NotifyUser)
            {
                var held = new TaskCompletionSource();
                heldNotices.Add(held);
                return held.Task;
            }

            return Task.CompletedTask;
        });
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

    public List<JourneyProgress> Statuses { get; } = [];

    public IReadOnlyList<string> AppliedInputs { get; private set; } = [];

    public JourneyProgress Status => Statuses[^1];

    public List<(string Activity, object? Input)> Activities { get; } = [];

    public bool OpenAccountSucceeds { get; set; } = true;

    /// <summary>While set, messages to the user stay "on their way": the orchestrator waits in that activity.</summary>
    public bool HoldNotices { get; set; }

    readonly List<TaskCompletionSource> heldNotices = [];

    public void ReleaseNotices()
    {
        HoldNotices = false;
        foreach (TaskCompletionSource held in heldNotices.ToArray())
        {
            held.TrySetResult();
        }
    }

    public Task<JourneyStage> Run { get; private set; } = Task.FromResult(JourneyStage.AwaitingPhoneCode);

    /// <summary>How the orchestration ended; fails the test if it has not.</summary>
    public JourneyStage Outcome
    {
        get
        {
            Assert.True(Run.IsCompletedSuccessfully, $"the orchestration has not completed ({Run.Status}, {Run.Exception?.InnerException?.Message})");
            return Run.GetAwaiter().GetResult();
        }
    }

    public IEnumerable<Notice> Notices => Activities.Where(call => call.Activity == JourneyActivities.NotifyUser).Select(call => (Notice)call.Input!);

    public IEnumerable<object?> InputsOf(string activity) => Activities.Where(call => call.Activity == activity).Select(call => call.Input);

    public OrchestrationHarness Start()
    {
        Run = new JourneyOrchestrator().RunAsync(Context, new JourneyInput(JourneyId, Policy));
        return this;
    }

    /// <summary>Raises an event: the newest waiter gets it, or it waits in the buffer (as in Durable).</summary>
    public void Raise(string name, object payload)
    {
        if (waiting.TryGetValue(name, out Stack<TaskCompletionSource<object>>? waiters) && waiters.Count > 0)
        {
            waiters.Pop().SetResult(payload);
            return;
        }

        Buffer(name).Enqueue(payload);
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
    }

    public int LiveTimers => timers.Count(entry => !entry.Timer.Task.IsCompleted && !entry.Cancellation.IsCancellationRequested);

    public void Advance(TimeSpan by) => Now += by;

    // Typical inputs, as the HTTP handlers would raise them.
    public void EnterPhoneCode(int send) => Raise(JourneyEvents.PhoneCodeEntered, new PhoneCodeEntered([$"{JourneyActivities.SendPhoneCode}-hmac-{send}"]));

    public void EnterWrongPhoneCode() => Raise(JourneyEvents.PhoneCodeEntered, new PhoneCodeEntered(["wrong"]));

    public void ConfirmEmail(int send = 1) => Raise(JourneyEvents.EmailConfirmed, new EmailConfirmed([$"{JourneyActivities.SendEmailLink}-hmac-{send}"]));

    public void RequestVerification(int cycle) => Raise(JourneyEvents.VerificationRequested, new VerificationRequested(cycle));

    public void EnterAmounts(int cycle, bool right = true) =>
        Raise(JourneyEvents.DepositAmountsEntered, new DepositAmountsEntered(cycle, [right ? $"amounts-hmac-{cycle}" : "wrong"]));

    public void Cancel(bool byOperator = false) => Raise(JourneyEvents.JourneyCancelled, new JourneyCancelled(byOperator, byOperator ? "fraud check" : null));

    public OrchestrationHarness Registered()
    {
        Start();
        EnterPhoneCode(1);
        ConfirmEmail();
        Raise(JourneyEvents.ProfileSubmitted, new ProfileSubmitted());
        Assert.Equal(JourneyStage.Registered, Status.Stage);
        return this;
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

    void Record(TaskName name, object? input) => Activities.Add((name.Name, input));
}
