using Microsoft.DurableTask;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// Version 1 of the journey (<see cref="JourneyVersions.V1"/>), frozen: journeys started on the
/// build of 2026-11-26 replay through this code until they end, so it must keep issuing exactly
/// the actions it issued then (same activities in the same order, same waits). Do not change it;
/// delete it (and the activities only it calls) once no journey runs on version 1 — the retention
/// sweeper ends inactive ones, so that is at most <c>Retention:InactiveJourney</c> after the last
/// version-1 journey was waiting. The whole journey is one orchestration here.
/// </summary>
sealed class JourneyV1
{
    readonly TaskOrchestrationContext context;
    readonly JourneyInput input;
    readonly Journey journey;
    readonly JourneyV1Activities activities;
    readonly JourneyInbox inbox;
    readonly Task<JourneyCancelled> cancellation;
    readonly Queue<string> appliedInputs = new();
    JourneyStage? reportedStage;
    string expectedAmounts = "";

    public JourneyV1(TaskOrchestrationContext context, JourneyInput input)
    {
        this.context = context;
        this.input = input;
        journey = Journey.Begin(input.Policy, context.CurrentUtcDateTime);
        activities = new JourneyV1Activities(context);
        inbox = new JourneyInbox(context);
        cancellation = inbox.Next<JourneyCancelled>();
    }

    DateTime Now => context.CurrentUtcDateTime;

    string JourneyId => input.JourneyId;

    public async Task<JourneyStage> RunAsync()
    {
        await ProveAsync<PhoneCodeEntered, PhoneCodeResendRequested>(
            JourneyV1Activities.SendPhoneCode, entered => entered.CodeHmacs, journey.SubmitPhoneCode);
        if (journey.Stage == JourneyStage.AwaitingEmailConfirmation)
        {
            await ProveAsync<EmailConfirmed, EmailLinkResendRequested>(
                JourneyV1Activities.SendEmailLink, confirmed => confirmed.TokenHmacs, journey.ConfirmEmail);
        }

        if (journey.Stage == JourneyStage.AwaitingProfile)
        {
            await ReceiveProfileAsync();
        }

        while (journey.Stage is JourneyStage.Registered or JourneyStage.Locked)
        {
            if (journey.Stage == JourneyStage.Locked)
            {
                await AwaitUnlockAsync();
                continue;
            }

            await AwaitVerificationRequestAsync();
            if (journey.Stage == JourneyStage.AwaitingDepositAmounts)
            {
                await AwaitDepositAmountsAsync();
            }
        }

        await FinishAsync();
        return journey.Stage;
    }

    /// <summary>
    /// A secret (phone code or e-mail link) goes out; the user proves they received it before
    /// it expires, or asks for a new one (which voids the old one). Ends when the journey
    /// leaves the stage: proven, expired or cancelled.
    /// </summary>
    async Task ProveAsync<TProof, TResend>(
        JourneyActivity<ChallengeOrder, string> sendActivity,
        Func<TProof, IReadOnlyList<string>> hmacsOf,
        Func<bool, DateTime, InputResult> submit)
        where TProof : JourneyInputEvent, IJourneyEvent
        where TResend : JourneyInputEvent, IJourneyEvent
    {
        JourneyStage stage = journey.Stage;
        int sends = 1;
        string expected = await SendChallengeAsync(sendActivity, sends);
        journey.ChallengeSent(Now);
        await PublishAsync();

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
                IReadOnlyList<string> candidates = hmacsOf(Acknowledge(inbox.Take(proof)));
                submit(candidates.Contains(expected), Now);
                if (journey.Stage == stage || journey.Stage.IsFinal())
                {
                    await PublishAsync(); // a passed step is published with the next step's opening status
                }
            }
            else
            {
                Acknowledge(inbox.Take(resend));
                if (journey.TryTakeResend(Now))
                {
                    expected = await SendChallengeAsync(sendActivity, ++sends);
                    journey.ChallengeSent(Now);
                }

                await PublishAsync();
            }
        }
    }

    async Task ReceiveProfileAsync()
    {
        await PublishAsync();
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
                Acknowledge(inbox.Take(profile));
                if (await activities.CallAsync(JourneyV1Activities.OpenAccount, JourneyId))
                {
                    journey.Registered(Now);
                }
                else
                {
                    journey.InputIgnored(Now); // the row holds no valid profile
                }

                await PublishAsync();
            }
        }
    }

    /// <summary>In <c>registered</c>: the user gives bank details, and the cycle's deposits go out.</summary>
    async Task AwaitVerificationRequestAsync()
    {
        while (journey.Stage == JourneyStage.Registered)
        {
            Task<VerificationRequested> request = inbox.Next<VerificationRequested>();
            Task winner = await Task.WhenAny(request, cancellation);
            if (winner == cancellation)
            {
                await CancelAsync();
                continue;
            }

            int cycle = Acknowledge(inbox.Take(request)).Cycle;
            if (cycle != journey.VerificationCycle || !journey.Accepts(InputKind.Verification, Now).IsAccepted)
            {
                journey.InputIgnored(Now); // a duplicate or stale request
                await PublishAsync();
                continue;
            }

            var order = new DepositOrder(JourneyId, cycle, input.Policy.DepositCount, Now);
            DepositsMade made = await activities.SendDepositsAsync(order);
            expectedAmounts = made.AmountsHmac;
            journey.DepositsSent(made.MaskedAccount, Now);
            await PublishAsync();
            await NotifyAsync(NoticeKind.DepositsSent, $"deposits-sent-{cycle}", journey.Deadline, input.Policy.DepositCount);
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
        bool reminded = journey.DepositReminderAt is not { } remindAt || remindAt <= Now;
        while (journey.Stage == JourneyStage.AwaitingDepositAmounts)
        {
            Task<DepositAmountsEntered> amounts = inbox.Next<DepositAmountsEntered>();
            Task timer = deadline.At(journey.Deadline!.Value);
            Task reminderDue = reminded ? Never : reminder.At(journey.DepositReminderAt!.Value);
            Task winner = await Task.WhenAny(amounts, cancellation, timer, reminderDue);
            if (winner == cancellation)
            {
                await CancelAsync();
            }
            else if (winner == reminderDue)
            {
                reminded = true;
                await NotifyAsync(NoticeKind.DepositReminder, $"deposit-reminder-{cycle}", journey.Deadline);
            }
            else if (winner == timer)
            {
                if (await DeadlinePassedAsync($"cycle {cycle} expired"))
                {
                    await NotifyCycleEndAsync(NoticeKind.CycleExpired, cycle);
                }
            }
            else
            {
                DepositAmountsEntered entered = Acknowledge(inbox.Take(amounts));
                await ApplyDepositAmountsAsync(entered, cycle);
            }
        }
    }

    async Task ApplyDepositAmountsAsync(DepositAmountsEntered entered, int cycle)
    {
        if (entered.Cycle != cycle)
        {
            journey.InputIgnored(Now); // typed for an earlier cycle
            await PublishAsync();
            return;
        }

        bool matches = entered.AmountsHmacs.Contains(expectedAmounts);
        if (matches)
        {
            // The account is verified before the status says so.
            await activities.CallAsync(JourneyV1Activities.CompleteVerification, JourneyId);
        }

        InputResult result = journey.SubmitDepositAmounts(matches, Now);
        await PublishAsync(result switch
        {
            InputResult.Passed => $"cycle {cycle} matched",
            InputResult.Ended => $"cycle {cycle} failed",
            _ => null,
        });
        if (result == InputResult.Ended)
        {
            await NotifyCycleEndAsync(NoticeKind.CycleFailed, cycle);
        }
    }

    /// <summary>Locked: only an operator's unlock (or a cancellation) moves the journey on.</summary>
    async Task AwaitUnlockAsync()
    {
        Task<JourneyUnlocked> unlock = inbox.Next<JourneyUnlocked>();
        Task winner = await Task.WhenAny(unlock, cancellation);
        if (winner == cancellation)
        {
            await CancelAsync();
            return;
        }

        Acknowledge(inbox.Take(unlock));
        journey.Unlock(Now);
        await PublishAsync();
        await NotifyAsync(NoticeKind.Unlocked, $"unlocked-{journey.VerificationCycle}");
    }

    /// <summary>
    /// The stage's timer fired: the deadline passes, unless the timer fired early (the storage
    /// provider's timers may, by up to a second): then the next round waits for the rest.
    /// </summary>
    async Task<bool> DeadlinePassedAsync(string? detail = null)
    {
        if (journey.Deadline is not { } deadline || Now < deadline)
        {
            return false;
        }

        journey.DeadlinePassed(Now);
        await PublishAsync(detail);
        return true;
    }

    /// <summary>Tells the user the cycle failed or timed out, or that verification is now locked.</summary>
    Task NotifyCycleEndAsync(NoticeKind outcome, int cycle) =>
        journey.Stage == JourneyStage.Locked
            ? NotifyAsync(NoticeKind.Locked, $"locked-{cycle}")
            : NotifyAsync(outcome, $"{outcome}-{cycle}", number: journey.Progress.Verification?.CyclesRemaining);

    async Task CancelAsync()
    {
        JourneyCancelled how = Acknowledge(cancellation.Result);
        journey.Cancel(Now);
        await PublishAsync(how.ByOperator ? "by an operator" : "by the user");
    }

    /// <summary>Tells the user how the journey ended and frees what an unfinished registration held.</summary>
    async Task FinishAsync()
    {
        switch (journey.Stage)
        {
            case JourneyStage.Expired:
                await NotifyAsync(NoticeKind.Expired, "expired");
                await activities.CallAsync(JourneyV1Activities.ReleaseRegistration, JourneyId);
                break;
            case JourneyStage.Cancelled:
                JourneyCancelled how = cancellation.Result;
                await NotifyAsync(how.ByOperator ? NoticeKind.Terminated : NoticeKind.Cancelled, "cancelled", reason: how.Reason);
                await activities.CallAsync(JourneyV1Activities.ReleaseRegistration, JourneyId);
                break;
        }
    }

    Task<string> SendChallengeAsync(JourneyActivity<ChallengeOrder, string> activity, int send) =>
        activities.CallAsync(activity, new ChallengeOrder(JourneyId, send, journey.ChallengeValidity));

    Task NotifyAsync(NoticeKind kind, string key, DateTime? deadline = null, int? number = null, string? reason = null) =>
        activities.NotifyUserAsync(new Notice(JourneyId, kind, key, deadline, number, reason));

    /// <summary>
    /// Publishes the progress as the custom status; on a stage change, also reports it (projection,
    /// audit trail, metrics). The status is committed with the report's scheduling, so callers
    /// waiting for it do not wait for the report.
    /// </summary>
    async Task PublishAsync(string? detail = null)
    {
        JourneyProgress progress = journey.Progress;
        context.SetCustomStatus(new JourneyCustomStatus(progress, appliedInputs.ToArray()));
        if (progress.Stage != reportedStage)
        {
            JourneyStage? previous = reportedStage;
            reportedStage = progress.Stage;
            await activities.RecordProgressAsync(new ProgressReport(JourneyId, progress, previous, detail));
        }
    }

    /// <summary>Notes an input as applied; the next <see cref="PublishAsync"/> tells its sender.</summary>
    T Acknowledge<T>(T input) where T : JourneyInputEvent
    {
        appliedInputs.Enqueue(input.InputId);
        while (appliedInputs.Count > JourneyCustomStatus.AppliedInputsKept)
        {
            appliedInputs.Dequeue();
        }

        return input;
    }

    static readonly Task Never = new TaskCompletionSource().Task;
}
