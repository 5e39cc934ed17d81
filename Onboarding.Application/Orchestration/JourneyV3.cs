using Microsoft.DurableTask;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// Version 3 of the journey (<see cref="JourneyVersions.V3"/>): version 2's journey, deciding on exactly
/// the inputs it accepted. The profile and each cycle's bank details are stored once before their event
/// is raised, and the event names them (<see cref="BoundInput"/>: id and hash); an event that names none
/// is ignored. The account is opened from exactly that profile, the deposits pay exactly those bank
/// details, the generation carries which ones were paid, and the account is verified with exactly
/// those — or, when they may not verify it (another person's account), the cycle fails (decision 24).
/// One generation of the orchestration
/// per part of the journey — registration (phone code, e-mail link, profile), <c>registered</c>,
/// a deposit cycle, <c>locked</c> — each ending by continuing as new with a snapshot, so a history
/// stays short however long the journey lives, and every boundary is a point where a newer version
/// takes over. Each wait races the user's input against the stage's durable timer and a
/// cancellation. The rules live in <see cref="Journey"/>: an input the journey does not accept now
/// is acknowledged and ignored. A step that changes the stage carries the change to its activity,
/// which records it for operators; <see cref="JourneyV3Activities.RecordProgress"/> runs only where
/// no other step does. A step that fails past its retry policy is shown to operators and tried
/// again on a timer.
/// </summary>
/// <remarks>
/// A generation continues as new in the same episode that publishes the stage it hands over, so
/// an input sent on seeing that stage always reaches the next generation: work that follows a
/// stage change with no input of its own (telling the user a cycle ended, that they are unlocked)
/// is handed over and done by the next generation.
/// </remarks>
sealed class JourneyV3
{
    /// <summary>After a step used up its retry policy: the first pause before trying it again, doubling up to the longest.</summary>
    static readonly TimeSpan FirstStepPause = TimeSpan.FromMinutes(1);
    static readonly TimeSpan LongestStepPause = TimeSpan.FromMinutes(30);

    /// <summary>Rounds of pauses before a failing step fails the journey's orchestration (about 22 hours of trying).</summary>
    const int MaxStepRounds = 48;

    readonly TaskOrchestrationContext context;
    readonly JourneyInput input;
    readonly Journey journey;
    readonly JourneyV3Activities activities;
    readonly JourneyInbox inbox;
    readonly Task<JourneyCancelled> cancellation;
    readonly Queue<string> appliedInputs;
    string? expectedAmounts;
    BoundInput? paidInput;
    bool reminderSent;
    Notice? pendingNotice;
    JourneyCustomStatus? published;

    public JourneyV3(TaskOrchestrationContext context, JourneyInput input)
    {
        this.context = context;
        this.input = input;
        JourneyContinuation? carried = input.Continued;
        journey = carried is null ? Journey.Begin(input.Policy, context.CurrentUtcDateTime) : Journey.Restore(input.Policy, carried.Journey);
        appliedInputs = new Queue<string>(carried?.AppliedInputs ?? []);
        expectedAmounts = carried?.ExpectedAmountsHmac;
        paidInput = carried?.PaidInput;
        reminderSent = carried?.DepositReminderSent ?? false;
        activities = new JourneyV3Activities(context);
        inbox = new JourneyInbox(context);
        cancellation = inbox.Next<JourneyCancelled>();
    }

    DateTime Now => context.CurrentUtcDateTime;

    string JourneyId => input.JourneyId;

    public async Task<JourneyStage> RunAsync()
    {
        try
        {
            if (input.Continued is { } carried)
            {
                Publish(); // this generation's status replaces the last one's: same progress, same acknowledgements
                if (carried.PendingNotice is { } notice)
                {
                    await StepAsync(JourneyV3Activities.NotifyUser.Name, () => activities.NotifyUserAsync(notice));
                }
            }

            Task part = journey.Stage switch
            {
                JourneyStage.AwaitingPhoneCode => RegisterAsync(),
                JourneyStage.Registered => AwaitVerificationRequestAsync(),
                JourneyStage.AwaitingDepositAmounts => AwaitDepositAmountsAsync(),
                JourneyStage.Locked => AwaitUnlockAsync(),
                _ => throw new InvalidOperationException($"A journey generation cannot start in stage {journey.Stage.ToWireName()}."),
            };
            await part;
        }
        catch (CancelledDuringStep)
        {
            await CancelAsync();
        }

        if (cancellation.IsCompleted && journey.Stage.IsOpen())
        {
            await CancelAsync(); // it came while the last step ran: it must not be left behind with this generation
        }

        if (!journey.Stage.IsFinal())
        {
            context.ContinueAsNew(new ContinueAsNewOptions
            {
                NewInput = input with
                {
                    Continued = new JourneyContinuation(journey.Snapshot(), appliedInputs.ToArray(), expectedAmounts, reminderSent, pendingNotice, paidInput),
                },
                NewVersion = JourneyVersions.Current,

                // Not carried over: inputs the next stage takes are refused at the edge until the stage is
                // published (with this hand-over), so what is left here is stale (a duplicate submission, a
                // resend for a stage gone). Carrying it would carry it into every generation after. A
                // cancellation taken by this generation is handled above; one that arrives in this very
                // episode is raised again by its sender until acknowledged (JourneyInputs).
                PreserveUnprocessedEvents = false,
            });
        }

        return journey.Stage;
    }

    /// <summary>Phone code, e-mail link, profile: ends in <c>registered</c>, or ended.</summary>
    async Task RegisterAsync()
    {
        await ProveAsync<PhoneCodeEntered, PhoneCodeResendRequested>(JourneyV3Activities.SendPhoneCode, entered => entered.CodeHmacs, journey.SubmitPhoneCode);
        if (journey.Stage == JourneyStage.AwaitingEmailConfirmation)
        {
            await ProveAsync<EmailConfirmed, EmailLinkResendRequested>(JourneyV3Activities.SendEmailLink, confirmed => confirmed.TokenHmacs, journey.ConfirmEmail);
        }

        if (journey.Stage == JourneyStage.AwaitingProfile)
        {
            await ReceiveProfileAsync();
        }
    }

    /// <summary>
    /// A secret (phone code or e-mail link) goes out; the user proves they received it before
    /// it expires, or asks for a new one (which voids the old one). Ends when the journey leaves
    /// the stage: proven (the next stage publishes), expired or cancelled.
    /// </summary>
    async Task ProveAsync<TProof, TResend>(
        JourneyActivity<ChallengeOrder, string> send,
        Func<TProof, IReadOnlyList<string>> hmacsOf,
        Func<bool, DateTime, InputResult> submit)
        where TProof : JourneyInputEvent, IJourneyEvent
        where TResend : JourneyInputEvent, IJourneyEvent
    {
        JourneyStage stage = journey.Stage;
        JourneyStage? previous = stage == JourneyStage.AwaitingPhoneCode ? null : JourneyStage.AwaitingPhoneCode;
        int sends = 1;

        // The stage is shown at once, with the code or link on its way: the input that led here is
        // answered without waiting for the message (a slow or failing provider delays the message only).
        // Nothing the user may send now ends this generation, so it waits here for the step.
        journey.ChallengeSent(Now);
        Publish();
        (string expected, bool late) = await StepAsync(send.Name, () => activities.CallAsync(send, new ChallengeOrder(JourneyId, sends, journey.ChallengeValidity, Report(previous))));
        if (late)
        {
            journey.ChallengeSent(Now); // it went out long after it was decided: its validity starts now
            Publish();
        }

        using var deadline = new DurableTimer(context);
        while (journey.Stage == stage)
        {
            Task<TProof> proof = inbox.Next<TProof>();
            Task<TResend> resend = inbox.Next<TResend>();
            Task timer = deadline.At(journey.Deadline!.Value);
            Task winner = await Task.WhenAny(proof, resend, cancellation, timer);
            if (winner == cancellation)
            {
                await CancelAsync();
            }
            else if (winner == timer)
            {
                await DeadlinePassedAsync();
            }
            else if (winner == proof)
            {
                TProof entered = Acknowledge(inbox.Take(proof));
                if (!Accepts(TProof.Kind))
                {
                    continue;
                }

                if (submit(hmacsOf(entered).Contains(expected), Now) == InputResult.Ended)
                {
                    await FinishAsync(NoticeKind.Expired, stage);
                }
                else if (journey.Stage == stage)
                {
                    Publish(); // a passed step is published with the next step's opening status, in the next ProveAsync
                }
            }
            else
            {
                Acknowledge(inbox.Take(resend));
                if (Accepts(TResend.Kind) && journey.TryTakeResend(Now))
                {
                    sends++;
                    (expected, _) = await StepAsync(send.Name, () => activities.CallAsync(send, new ChallengeOrder(JourneyId, sends, journey.ChallengeValidity)));
                    journey.ChallengeSent(Now);
                    Publish();
                }
            }
        }
    }

    async Task ReceiveProfileAsync()
    {
        Publish();
        await StepAsync(JourneyV3Activities.RecordProgress.Name, () => activities.RecordProgressAsync(Report(JourneyStage.AwaitingEmailConfirmation)));
        using var deadline = new DurableTimer(context);
        while (journey.Stage == JourneyStage.AwaitingProfile)
        {
            Task<ProfileSubmitted> profile = inbox.Next<ProfileSubmitted>();
            Task timer = deadline.At(journey.Deadline!.Value);
            Task winner = await Task.WhenAny(profile, cancellation, timer);
            if (winner == cancellation)
            {
                await CancelAsync();
            }
            else if (winner == timer)
            {
                await DeadlinePassedAsync();
            }
            else
            {
                ProfileSubmitted submitted = Acknowledge(inbox.Take(profile));
                if (!Accepts(InputKind.Profile))
                {
                    continue;
                }

                if (submitted.Bound is not { } bound)
                {
                    journey.InputIgnored(Now); // names no stored input (an earlier build's edge): nothing to decide on
                    Publish();
                    continue;
                }

                var registered = new ProgressReport(JourneyId, Preview(next => next.Registered(Now)), JourneyStage.AwaitingProfile);
                (bool opened, _) = await StepAsync(JourneyV3Activities.OpenAccountV3.Name, () => activities.OpenAccountAsync(new AccountOrder(registered, bound)));
                if (opened)
                {
                    journey.Registered(Now);
                }
                else
                {
                    journey.InputIgnored(Now); // the input it named is gone or not the one it named
                }

                Publish();
            }
        }
    }

    /// <summary>In <c>registered</c>: the user gives bank details, and the cycle's deposits go out.</summary>
    async Task AwaitVerificationRequestAsync()
    {
        while (journey.Stage == JourneyStage.Registered)
        {
            Task<VerificationRequested> request = inbox.Next<VerificationRequested>();
            if (await Task.WhenAny(request, cancellation) == cancellation)
            {
                await CancelAsync();
                return;
            }

            VerificationRequested requested = Acknowledge(inbox.Take(request));
            if (requested.Cycle != journey.Progress.NextCycle)
            {
                journey.InputIgnored(Now); // a duplicate or stale request
                Publish();
                continue;
            }

            if (!Accepts(InputKind.Verification))
            {
                continue;
            }

            if (requested.Bound is not { } bound)
            {
                journey.InputIgnored(Now); // names no stored input (an earlier build's edge): nothing to pay
                Publish();
                continue;
            }

            // The step records the move it makes; the journey makes it once the deposits are out, as decided now.
            DateTime decided = Now;
            string masked = requested.MaskedAccount ?? "****";
            var sent = new ProgressReport(JourneyId, Preview(next => next.DepositsSent(masked, decided)), JourneyStage.Registered);
            var order = new DepositOrder(JourneyId, requested.Cycle, input.Policy.DepositCount, decided, sent, bound);
            (DepositsMade made, _) = await StepAsync(JourneyV3Activities.SendDepositsV3.Name, () => activities.SendDepositsAsync(order));
            if (made.AmountsHmac.Length == 0)
            {
                journey.InputIgnored(Now); // the input it named was withdrawn (its request was refused): nothing was paid
                Publish();
                continue;
            }

            journey.DepositsSent(masked, decided);
            expectedAmounts = made.AmountsHmac;
            paidInput = bound;
            reminderSent = false;
            Publish();
        }
    }

    /// <summary>
    /// The user enters the amounts before the deadline (a reminder goes out before it passes).
    /// A match verifies the account; too many wrong entries or the deadline end the cycle.
    /// </summary>
    async Task AwaitDepositAmountsAsync()
    {
        int cycle = journey.VerificationCycle;
        using var deadline = new DurableTimer(context);
        using var reminder = new DurableTimer(context);
        reminderSent |= journey.DepositReminderAt is not { } remindAt || remindAt <= Now;
        while (journey.Stage == JourneyStage.AwaitingDepositAmounts)
        {
            Task<DepositAmountsEntered> amounts = inbox.Next<DepositAmountsEntered>();
            Task timer = deadline.At(journey.Deadline!.Value);
            Task reminderDue = reminderSent ? Never : reminder.At(journey.DepositReminderAt!.Value);
            Task winner = await Task.WhenAny(amounts, cancellation, timer, reminderDue);
            if (winner == cancellation)
            {
                await CancelAsync();
            }
            else if (winner == reminderDue)
            {
                reminderSent = true;
                var notice = new Notice(JourneyId, NoticeKind.DepositReminder, $"deposit-reminder-{cycle}", journey.Deadline);
                await StepAsync(JourneyV3Activities.NotifyUser.Name, () => activities.NotifyUserAsync(notice));
            }
            else if (winner == timer)
            {
                await DeadlinePassedAsync($"cycle {cycle} expired");
            }
            else
            {
                await ApplyDepositAmountsAsync(Acknowledge(inbox.Take(amounts)), cycle);
            }
        }
    }

    async Task ApplyDepositAmountsAsync(DepositAmountsEntered entered, int cycle)
    {
        if (entered.Cycle != cycle)
        {
            journey.InputIgnored(Now); // typed for an earlier cycle
            Publish();
            return;
        }

        if (!Accepts(InputKind.DepositAmounts))
        {
            return;
        }

        if (entered.AmountsHmacs.Contains(expectedAmounts))
        {
            // The account is verified (and the journey's copies of the person's data let go) before the status says so.
            var verified = new ProgressReport(JourneyId, Preview(next => next.SubmitDepositAmounts(true, Now)), JourneyStage.AwaitingDepositAmounts, $"cycle {cycle} matched");
            (bool done, _) = await StepAsync(JourneyV3Activities.CompleteVerificationV3.Name, () => activities.CompleteVerificationAsync(new VerificationOrder(verified, cycle, paidInput)));
            if (done)
            {
                journey.SubmitDepositAmounts(true, Now);
                Publish();
            }
            else
            {
                // The account paid may not verify this person (it is another person's): the cycle fails, as operators see.
                journey.RefuseVerification(Now);
                CycleEnded(NoticeKind.CycleFailed, cycle, $"cycle {cycle} refused: the bank account is another person's");
            }

            return;
        }

        if (journey.SubmitDepositAmounts(false, Now) == InputResult.Ended)
        {
            CycleEnded(NoticeKind.CycleFailed, cycle, $"cycle {cycle} failed");
        }
        else
        {
            Publish();
        }
    }

    /// <summary>
    /// A deposit cycle failed or timed out: back to <c>registered</c>, or <c>locked</c> when no cycle
    /// is left. The next generation tells the user (and records the change).
    /// </summary>
    void CycleEnded(NoticeKind outcome, int cycle, string detail)
    {
        Publish();
        Notice notice = journey.Stage == JourneyStage.Locked
            ? new Notice(JourneyId, NoticeKind.Locked, $"locked-{cycle}")
            : new Notice(JourneyId, outcome, $"{outcome}-{cycle}", Number: journey.Progress.Verification?.CyclesRemaining);
        pendingNotice = notice with { Record = Report(JourneyStage.AwaitingDepositAmounts, detail) };
    }

    /// <summary>Locked: only an operator's unlock (or a cancellation) moves the journey on.</summary>
    async Task AwaitUnlockAsync()
    {
        Task<JourneyUnlocked> unlock = inbox.Next<JourneyUnlocked>();
        if (await Task.WhenAny(unlock, cancellation) == cancellation)
        {
            await CancelAsync();
            return;
        }

        Acknowledge(inbox.Take(unlock));
        journey.Unlock(Now);
        Publish();
        pendingNotice = new Notice(JourneyId, NoticeKind.Unlocked, $"unlocked-{journey.VerificationCycle}", Record: Report(JourneyStage.Locked));
    }

    /// <summary>
    /// The stage's timer fired: the deadline passes, unless the timer fired early (the storage
    /// provider's timers may, by up to a second): then the next round waits for the rest.
    /// </summary>
    async Task DeadlinePassedAsync(string? detail = null)
    {
        if (journey.Deadline is not { } due || Now < due)
        {
            return;
        }

        JourneyStage before = journey.Stage;
        int cycle = journey.VerificationCycle;
        journey.DeadlinePassed(Now);
        if (journey.Stage.IsFinal())
        {
            await FinishAsync(NoticeKind.Expired, before, detail: detail);
        }
        else if (before == JourneyStage.AwaitingDepositAmounts)
        {
            CycleEnded(NoticeKind.CycleExpired, cycle, detail ?? $"cycle {cycle} expired");
        }
        else
        {
            Publish(); // the code or link expired; the user may ask for another
        }
    }

    async Task CancelAsync()
    {
        JourneyCancelled how = Acknowledge(cancellation.Result);
        JourneyStage before = journey.Stage;
        journey.Cancel(Now);
        await FinishAsync(how.ByOperator ? NoticeKind.Terminated : NoticeKind.Cancelled, before, how.Reason, how.ByOperator ? "by an operator" : "by the user");
    }

    /// <summary>
    /// The journey ended as expired or cancelled: the final status is published at once (a
    /// cancellation's sender is answered), then the user is told and what the journey held is let go.
    /// </summary>
    async Task FinishAsync(NoticeKind notice, JourneyStage previous, string? reason = null, string? detail = null)
    {
        Publish();
        var end = new JourneyEnd(Report(previous, detail), notice, reason);
        await StepAsync(JourneyV3Activities.FinishJourney.Name, () => activities.FinishJourneyAsync(end), cancellable: false);
    }

    /// <summary>Whether the journey takes an input of this kind now; if not, the input is acknowledged with an unchanged journey.</summary>
    bool Accepts(InputKind kind)
    {
        if (journey.Accepts(kind, Now).IsAccepted)
        {
            return true;
        }

        journey.InputIgnored(Now);
        Publish();
        return false;
    }

    /// <summary>The progress the journey will have after <paramref name="change"/>, which a step records before the journey makes it.</summary>
    JourneyProgress Preview(Action<Journey> change)
    {
        Journey next = Journey.Restore(input.Policy, journey.Snapshot());
        change(next);
        return next.Progress;
    }

    ProgressReport Report(JourneyStage? previous, string? detail = null) => new(JourneyId, journey.Progress, previous, detail);

    /// <summary>
    /// Runs a step (an activity, already retried by its policy). If it still fails, operators see
    /// it in the custom status (the user's progress stays as it was) and it is tried again after a
    /// pause that doubles each round; a cancellation during the pause ends the journey instead,
    /// unless <paramref name="cancellable"/> is false. After <see cref="MaxStepRounds"/> rounds the
    /// failure fails the orchestration. Returns the step's result, and whether it came only after such pauses.
    /// </summary>
    async Task<(T Result, bool Late)> StepAsync<T>(string step, Func<Task<T>> run, bool cancellable = true)
    {
        using var pause = new DurableTimer(context);
        StepFailure? failure = null;
        for (int round = 0; ; round++)
        {
            try
            {
                T result = await run();
                if (failure is not null && published is not null)
                {
                    context.SetCustomStatus(published); // the step went through: no failure to show any more
                }

                return (result, failure is not null);
            }
            catch (TaskFailedException failed) when (round < MaxStepRounds)
            {
                failure = new StepFailure(step, failed.FailureDetails.ErrorType, failure?.Since ?? Now, (failure?.Rounds ?? 0) + 1);
                context.SetCustomStatus((published ?? Status()) with { StepFailure = failure });
                double doubling = Math.Pow(2, Math.Min(failure.Rounds - 1, 10));
                Task retry = pause.At(Now + TimeSpan.FromTicks(Math.Min(LongestStepPause.Ticks, (long)(FirstStepPause.Ticks * doubling))));
                if (cancellable && await Task.WhenAny(retry, cancellation) == cancellation)
                {
                    throw new CancelledDuringStep();
                }

                await retry;
            }
        }
    }

    /// <summary>Publishes the progress as the custom status, with the inputs applied so far.</summary>
    void Publish()
    {
        published = Status();
        context.SetCustomStatus(published);
    }

    JourneyCustomStatus Status() => new(journey.Progress, appliedInputs.ToArray());

    /// <summary>Notes an input as applied; the next <see cref="Publish"/> tells its sender.</summary>
    T Acknowledge<T>(T applied) where T : JourneyInputEvent
    {
        appliedInputs.Enqueue(applied.InputId);
        while (appliedInputs.Count > JourneyCustomStatus.AppliedInputsKept)
        {
            appliedInputs.Dequeue();
        }

        return applied;
    }

    static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>A cancellation arrived while a failing step waited to be tried again: the journey ends instead.</summary>
    sealed class CancelledDuringStep : Exception;
}
