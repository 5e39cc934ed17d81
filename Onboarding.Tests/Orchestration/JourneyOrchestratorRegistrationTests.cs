using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Orchestration;

/// <summary>The orchestrator's branches in the registration half, on a substituted context.</summary>
public sealed class JourneyOrchestratorRegistrationTests
{
    [Fact]
    public void Start_SendsFirstCodeAndPublishesItsDeadline()
    {
        var harness = new OrchestrationHarness().Start();

        var started = new ProgressReport(OrchestrationHarness.JourneyId, harness.Status, Previous: null);
        Assert.Equal([new ChallengeOrder(OrchestrationHarness.JourneyId, 1, harness.Policy.PhoneCodeValidity, started)], harness.InputsOf(JourneyActivities.SendPhoneCode));
        Assert.Equal(JourneyStage.AwaitingPhoneCode, harness.Status.Stage);
        Assert.Equal(harness.Now + harness.Policy.PhoneCodeValidity, harness.Status.Deadline);
        Assert.Equal(1, harness.LiveTimers);
    }

    [Fact]
    public void PhoneCode_WrongThenRight_WrongCodeCountedThenEmailLinkSent()
    {
        var harness = new OrchestrationHarness().Start();

        harness.EnterWrongPhoneCode();
        Assert.Equal(JourneyErrorCodes.WrongCode, harness.Status.LastErrorCode);
        Assert.Equal(4, harness.Status.AttemptsRemaining);

        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
        Assert.Single(harness.InputsOf(JourneyActivities.SendEmailLink));
        Assert.Equal(1, harness.LiveTimers); // the phone timer was cancelled, the link's runs
    }

    [Fact]
    public void PhoneCode_Resend_NewCodeSentAndOldCodeNoLongerAccepted()
    {
        var harness = new OrchestrationHarness().Start();

        harness.Raise(new PhoneCodeResendRequested());
        Assert.Equal(2, harness.InputsOf(JourneyActivities.SendPhoneCode).Count());
        Assert.Equal(harness.Policy.MaxResends - 1, harness.Status.ResendsRemaining);

        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyErrorCodes.WrongCode, harness.Status.LastErrorCode);

        harness.EnterPhoneCode(2);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
    }

    [Fact]
    public void PhoneCode_ResendWithNoneLeft_NothingSentButInputApplied()
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxResends = 0 }).Start();
        int version = harness.Status.Version;

        harness.Raise(new PhoneCodeResendRequested());

        Assert.Single(harness.InputsOf(JourneyActivities.SendPhoneCode));
        Assert.Equal(version + 1, harness.Status.Version);
    }

    [Fact]
    public void PhoneCode_Expires_CodeExpiredThenResendLetsUserContinue()
    {
        var harness = new OrchestrationHarness().Start();

        harness.FireNextTimer();
        Assert.Equal(JourneyErrorCodes.CodeExpired, harness.Status.LastErrorCode);
        Assert.Equal(JourneyStage.AwaitingPhoneCode, harness.Status.Stage);

        harness.Raise(new PhoneCodeResendRequested());
        harness.EnterPhoneCode(2);

        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
    }

    [Fact]
    public void PhoneCode_TimerFiresEarly_CodeStillValidUntilItsDeadline()
    {
        var harness = new OrchestrationHarness().Start();
        DateTime deadline = harness.Status.Deadline!.Value;

        harness.FireNextTimer(early: TimeSpan.FromMilliseconds(600));

        Assert.Null(harness.Status.LastErrorCode);
        Assert.Equal(1, harness.LiveTimers);
        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
        Assert.True(harness.Now < deadline);
    }

    [Fact]
    public void PhoneCode_ExpiresAndNoNewCodeAsked_ExpiredUserToldAndAddressReleased()
    {
        var harness = new OrchestrationHarness().Start();

        harness.FireNextTimer();
        harness.FireNextTimer();

        Assert.Equal(JourneyStage.Expired, harness.Status.Stage);
        Assert.Equal(JourneyStage.Expired, harness.Outcome);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.Expired);
        Assert.Single(harness.InputsOf(JourneyActivities.FinishJourney));
    }

    [Fact]
    public void EmailLink_Expires_JourneyExpires()
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxResends = 0 }).Start();
        harness.EnterPhoneCode(1);

        harness.FireNextTimer();

        Assert.Equal(JourneyStage.Expired, harness.Outcome);
    }

    [Fact]
    public void EmailLink_Resend_OnlyTheNewLinkConfirms()
    {
        var harness = new OrchestrationHarness().Start();
        harness.EnterPhoneCode(1);

        harness.Raise(new EmailLinkResendRequested());
        harness.ConfirmEmail(send: 1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);

        harness.ConfirmEmail(send: 2);
        Assert.Equal(JourneyStage.AwaitingProfile, harness.Status.Stage);
    }

    [Fact]
    public void Profile_WindowPasses_Expired()
    {
        var harness = new OrchestrationHarness().Start();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();
        DateTime confirmedAt = harness.Now;

        harness.FireNextTimer();

        Assert.Equal(confirmedAt + harness.Policy.ProfileWindow, harness.Now);
        Assert.Equal(JourneyStage.Expired, harness.Outcome);
        Assert.Empty(harness.InputsOf(JourneyActivities.OpenAccountV2));
    }

    [Fact]
    public void Profile_Submitted_AccountOpenedThenRegistered()
    {
        var harness = new OrchestrationHarness().Registered();

        var registered = (ProgressReport)Assert.Single(harness.InputsOf(JourneyActivities.OpenAccountV2))!;
        Assert.Equal((JourneyStage.Registered, JourneyStage.AwaitingProfile), (registered.Progress.Stage, registered.Previous));
        Assert.Equal(harness.Status, registered.Progress); // the step recorded what the journey then published
        Assert.Equal(0, harness.LiveTimers);
        Assert.False(harness.Run.IsCompleted); // waits for verification
        Assert.Equal(2, harness.Generations.Count); // registration, then registered
    }

    [Fact]
    public void Profile_RowHoldsNoProfile_StaysAndWaits()
    {
        var harness = new OrchestrationHarness { OpenAccountSucceeds = false }.Start();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();

        harness.Raise(new ProfileSubmitted());

        Assert.Equal(JourneyStage.AwaitingProfile, harness.Status.Stage);
    }

    [Fact]
    public void Cancel_DuringPhoneCode_CancelledUserToldAndAddressReleased()
    {
        var harness = new OrchestrationHarness().Start();

        harness.Cancel();

        Assert.Equal(JourneyStage.Cancelled, harness.Outcome);
        Assert.Equal(NoticeKind.Cancelled, Assert.Single(harness.Notices).Kind);
        Assert.Single(harness.InputsOf(JourneyActivities.FinishJourney));
        Assert.Equal(0, harness.LiveTimers);
    }

    [Fact]
    public void Cancel_ByOperator_UserToldTheReason()
    {
        var harness = new OrchestrationHarness().Start();

        harness.Cancel(byOperator: true);

        Notice notice = Assert.Single(harness.Notices);
        Assert.Equal(NoticeKind.Terminated, notice.Kind);
        Assert.Equal("fraud check", notice.Reason);
    }

    [Fact]
    public void Cancel_RaisedBeforeTheJourneyWaits_StillApplied()
    {
        var harness = new OrchestrationHarness();
        harness.Cancel();

        harness.Start();

        Assert.Equal(JourneyStage.Cancelled, harness.Outcome);
    }

    [Fact]
    public void Inputs_Applied_TheirIdsArePublished()
    {
        var harness = new OrchestrationHarness().Start();

        harness.Raise(new PhoneCodeEntered(["wrong"]) { InputId = "first" });
        harness.Raise(new PhoneCodeResendRequested { InputId = "second" });

        Assert.Equal(["first", "second"], harness.AppliedInputs);
    }

    [Fact]
    public void Inputs_ManyApplied_OnlyTheLastSixteenIdsKept()
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxCodeAttempts = 100 }).Start();

        for (int i = 0; i < 20; i++)
        {
            harness.Raise(new PhoneCodeEntered(["wrong"]) { InputId = $"input-{i}" });
        }

        Assert.Equal(Enumerable.Range(4, 16).Select(i => $"input-{i}"), harness.AppliedInputs);
    }

    [Fact]
    public void Statuses_EveryPublishedStatus_HasAHigherVersion()
    {
        var harness = new OrchestrationHarness().Start();
        harness.EnterWrongPhoneCode();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();

        int[] versions = harness.Statuses.Select(status => status.Version).ToArray();

        Assert.Equal(versions.Order().Distinct(), versions);
    }
}
