using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Orchestration;

/// <summary>The orchestrator's branches in the verification half, on a substituted context.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class JourneyOrchestratorVerificationTests
{
    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void Verification_Requested_DepositsSentUserNotifiedAndDeadlineSet(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();

        harness.RequestVerification(cycle: 1);

        var sent = new ProgressReport(OrchestrationHarness.JourneyId, harness.Status, JourneyStage.Registered);
        Assert.Equal([new DepositOrder(OrchestrationHarness.JourneyId, 1, 2, harness.Now, sent)], harness.DepositOrders.Select(order => order with { Bank = null }));
        Assert.Equal(JourneyStage.AwaitingDepositAmounts, harness.Status.Stage);
        Assert.Equal("****4321", harness.Status.Verification!.BankAccount);
        Assert.Equal(harness.Now + harness.Policy.DepositWindow, harness.Status.Deadline);
        Notice notice = Assert.Single(harness.Notices);
        Assert.Equal(NoticeKind.DepositsSent, notice.Kind);
        Assert.Equal(harness.Status.Deadline, notice.Deadline);
        Assert.Equal(2, harness.LiveTimers); // deadline and reminder
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void DepositAmounts_Match_AccountVerifiedThenJourneyCompletes(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();
        harness.RequestVerification(1);

        harness.EnterAmounts(1);

        ProgressReport verified = Assert.Single(harness.Verifications);
        Assert.Equal(harness.Status, verified.Progress);
        Assert.Equal(JourneyStage.Verified, harness.Outcome);
        Assert.Equal(0, harness.LiveTimers);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void DepositAmounts_Mismatch_AttemptsDownAndWrongAmounts(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();
        harness.RequestVerification(1);

        harness.EnterAmounts(1, right: false);

        Assert.Equal(JourneyErrorCodes.WrongAmounts, harness.Status.LastErrorCode);
        Assert.Equal(2, harness.Status.AttemptsRemaining);
        Assert.Empty(harness.Verifications);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void DepositAmounts_AttemptsExhausted_CycleFailedBackToRegisteredAndUserTold(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();
        harness.RequestVerification(1);

        for (int i = 0; i < harness.Policy.MaxDepositAttempts; i++)
        {
            harness.EnterAmounts(1, right: false);
        }

        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Equal(VerificationOutcome.Failed, harness.Status.Verification!.LastOutcome);
        Assert.Equal(2, harness.Status.Verification.CyclesRemaining);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.CycleFailed && notice.Number == 2);
        Assert.Equal(0, harness.LiveTimers);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V3, MemberType = typeof(LiveVersions))] // bound inputs since version 3
    public void Verification_TheDepositsPayTheInputTheEventNamedAndTheGenerationCarriesIt(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();

        harness.RequestVerification(1);
        harness.EnterAmounts(1);

        var paid = new BoundInput("bank-1", "bank-input-1", "bank-hash-1");
        Assert.Equal(paid, Assert.Single(harness.DepositOrders).Bank);
        Assert.Equal(paid, Assert.Single(harness.InputsOf(JourneyActivities.CompleteVerificationV3).Cast<VerificationOrder>()).Paid);
        Assert.Contains(harness.Generations, generation => generation.Continued?.PaidInput == paid); // the deposit cycle's generation was handed it
        Assert.Equal(JourneyStage.Verified, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V3, MemberType = typeof(LiveVersions))]
    public void Verification_AnEventNamingNoStoredInput_IgnoredNothingPaid(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();

        harness.Raise(new VerificationRequested(1, "****9999") { InputId = "unbound" }); // as an earlier build's edge raised it

        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Contains("unbound", harness.AppliedInputs);
        Assert.Empty(harness.DepositOrders);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V3, MemberType = typeof(LiveVersions))]
    public void Verification_TheNamedInputIsGone_NothingPaidNoCycleStarted(string version)
    {
        var harness = new OrchestrationHarness(version: version) { BankInputGone = true }.Registered();

        harness.RequestVerification(1);

        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Null(harness.Status.Verification?.BankAccount);
        Assert.Equal(0, harness.Status.Verification?.Cycle ?? 0);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V3, MemberType = typeof(LiveVersions))]
    public void DepositAmounts_MatchButTheAccountIsAnotherPersons_CycleFailsVisiblyNotVerified(string version)
    {
        var harness = new OrchestrationHarness(version: version) { AccountOfAnotherPerson = true }.Registered();
        harness.RequestVerification(1);

        harness.EnterAmounts(1);

        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Equal(VerificationOutcome.Failed, harness.Status.Verification!.LastOutcome);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.CycleFailed);
        Assert.Contains(harness.Records, record => record.Detail is { } detail && detail.Contains("another person's", StringComparison.Ordinal));
        Assert.False(harness.Run.IsCompleted); // waits for the next cycle's bank details
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void DepositWindow_Passes_CycleExpiredThenSecondCycleGetsFreshDeposits(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { DepositReminderBefore = TimeSpan.Zero }, version).Registered();
        harness.RequestVerification(1);

        harness.FireNextTimer();
        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Equal(VerificationOutcome.Expired, harness.Status.Verification!.LastOutcome);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.CycleExpired);

        harness.RequestVerification(2);
        harness.EnterAmounts(1); // typed for the first cycle: ignored
        Assert.Equal(JourneyStage.AwaitingDepositAmounts, harness.Status.Stage);
        harness.EnterAmounts(2);

        Assert.Equal([1, 2], harness.DepositOrders.Select(order => order.Cycle));
        Assert.Equal(JourneyStage.Verified, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void DepositAmounts_EnteredWhileTheSecondCycleIsStillBeingAnnounced_NotLost(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { DepositReminderBefore = TimeSpan.Zero }, version).Registered();
        harness.RequestVerification(1);
        harness.HoldNotices = true;
        harness.FireNextTimer(); // the first cycle expires with its wait for amounts unanswered; "cycle expired" is still going out

        harness.RequestVerification(2); // a quick user: the next cycle is asked for before the journey is back in "registered"
        harness.ReleaseNotices();
        harness.EnterAmounts(2);

        Assert.Equal(JourneyStage.Verified, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Reminder_DueBeforeDeadline_SentOnceThenDeadlineStillRuns(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();
        harness.RequestVerification(1);
        DateTime deadline = harness.Status.Deadline!.Value;

        harness.FireNextTimer();

        Assert.Equal(deadline - harness.Policy.DepositReminderBefore, harness.Now);
        Notice reminder = Assert.Single(harness.Notices, notice => notice.Kind == NoticeKind.DepositReminder);
        Assert.Equal(deadline, reminder.Deadline);
        Assert.Equal(JourneyStage.AwaitingDepositAmounts, harness.Status.Stage);
        Assert.Equal(1, harness.LiveTimers);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Cycles_AllFail_LockedAndUserTold(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxVerificationCycles = 2, MaxDepositAttempts = 1 }, version).Registered();

        harness.RequestVerification(1);
        harness.EnterAmounts(1, right: false);
        harness.RequestVerification(2);
        harness.EnterAmounts(2, right: false);

        Assert.Equal(JourneyStage.Locked, harness.Status.Stage);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.Locked);
        Assert.False(harness.Run.IsCompleted); // waits for an operator
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Locked_OperatorUnlocks_OneMoreCycleThenVerified(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxVerificationCycles = 1, MaxDepositAttempts = 1 }, version).Registered();
        harness.RequestVerification(1);
        harness.EnterAmounts(1, right: false);

        harness.Raise(new JourneyUnlocked());
        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.Unlocked);

        harness.RequestVerification(2);
        harness.EnterAmounts(2);
        Assert.Equal(JourneyStage.Verified, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Verification_StaleCycleRequest_IgnoredWithoutSendingDeposits(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();

        harness.RequestVerification(cycle: 3);

        Assert.Empty(harness.DepositOrders);
        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void Cancel_WhileAwaitingAmounts_CancelledAndRegistrationReleased(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();
        harness.RequestVerification(1);

        harness.Cancel();

        Assert.Equal(JourneyStage.Cancelled, harness.Outcome);
        Assert.Single(harness.InputsOf(JourneyActivities.FinishJourney));
    }
}
