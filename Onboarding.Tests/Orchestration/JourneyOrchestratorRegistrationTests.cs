using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Orchestration;

/// <summary>The orchestrator's branches in the registration half, on a substituted context.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class JourneyOrchestratorRegistrationTests
{
    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void Start_SendsFirstCodeAndPublishesItsDeadline(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        var started = new ProgressReport(OrchestrationHarness.JourneyId, harness.Status, Previous: null);
        Assert.Equal([new ChallengeOrder(OrchestrationHarness.JourneyId, 1, harness.Policy.PhoneCodeValidity, started)], harness.InputsOf(JourneyActivities.SendPhoneCode));
        Assert.Equal(JourneyStage.AwaitingPhoneCode, harness.Status.Stage);
        Assert.Equal(harness.Now + harness.Policy.PhoneCodeValidity, harness.Status.Deadline);
        Assert.Equal(1, harness.LiveTimers);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void PhoneCode_WrongThenRight_WrongCodeCountedThenEmailLinkSent(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.EnterWrongPhoneCode();
        Assert.Equal(JourneyErrorCodes.WrongCode, harness.Status.LastErrorCode);
        Assert.Equal(4, harness.Status.AttemptsRemaining);

        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
        Assert.Single(harness.InputsOf(JourneyActivities.SendEmailLink));
        Assert.Equal(1, harness.LiveTimers); // the phone timer was cancelled, the link's runs
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void PhoneCode_Resend_NewCodeSentAndOldCodeNoLongerAccepted(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.Raise(new PhoneCodeResendRequested());
        Assert.Equal(2, harness.InputsOf(JourneyActivities.SendPhoneCode).Count());
        Assert.Equal(harness.Policy.MaxResends - 1, harness.Status.ResendsRemaining);

        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyErrorCodes.WrongCode, harness.Status.LastErrorCode);

        harness.EnterPhoneCode(2);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void PhoneCode_ResendWithNoneLeft_NothingSentButInputApplied(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxResends = 0 }, version).Start();
        int statusVersion = harness.Status.Version;

        harness.Raise(new PhoneCodeResendRequested());

        Assert.Single(harness.InputsOf(JourneyActivities.SendPhoneCode));
        Assert.Equal(statusVersion + 1, harness.Status.Version);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void PhoneCode_Expires_CodeExpiredThenResendLetsUserContinue(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.FireNextTimer();
        Assert.Equal(JourneyErrorCodes.CodeExpired, harness.Status.LastErrorCode);
        Assert.Equal(JourneyStage.AwaitingPhoneCode, harness.Status.Stage);

        harness.Raise(new PhoneCodeResendRequested());
        harness.EnterPhoneCode(2);

        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void PhoneCode_TimerFiresEarly_CodeStillValidUntilItsDeadline(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();
        DateTime deadline = harness.Status.Deadline!.Value;

        harness.FireNextTimer(early: TimeSpan.FromMilliseconds(600));

        Assert.Null(harness.Status.LastErrorCode);
        Assert.Equal(1, harness.LiveTimers);
        harness.EnterPhoneCode(1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);
        Assert.True(harness.Now < deadline);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void PhoneCode_ExpiresAndNoNewCodeAsked_ExpiredUserToldAndAddressReleased(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.FireNextTimer();
        harness.FireNextTimer();

        Assert.Equal(JourneyStage.Expired, harness.Status.Stage);
        Assert.Equal(JourneyStage.Expired, harness.Outcome);
        Assert.Contains(harness.Notices, notice => notice.Kind == NoticeKind.Expired);
        Assert.Single(harness.InputsOf(JourneyActivities.FinishJourney));
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void EmailLink_Expires_JourneyExpires(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxResends = 0 }, version).Start();
        harness.EnterPhoneCode(1);

        harness.FireNextTimer();

        Assert.Equal(JourneyStage.Expired, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void EmailLink_Resend_OnlyTheNewLinkConfirms(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();
        harness.EnterPhoneCode(1);

        harness.Raise(new EmailLinkResendRequested());
        harness.ConfirmEmail(send: 1);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, harness.Status.Stage);

        harness.ConfirmEmail(send: 2);
        Assert.Equal(JourneyStage.AwaitingProfile, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Profile_WindowPasses_Expired(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();
        DateTime confirmedAt = harness.Now;

        harness.FireNextTimer();

        Assert.Equal(confirmedAt + harness.Policy.ProfileWindow, harness.Now);
        Assert.Equal(JourneyStage.Expired, harness.Outcome);
        Assert.Empty(harness.AccountsOpened);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void Profile_Submitted_AccountOpenedThenRegistered(string version)
    {
        var harness = new OrchestrationHarness(version: version).Registered();

        ProgressReport registered = Assert.Single(harness.AccountsOpened);
        Assert.Equal((JourneyStage.Registered, JourneyStage.AwaitingProfile), (registered.Progress.Stage, registered.Previous));
        Assert.Equal(harness.Status, registered.Progress); // the step recorded what the journey then published
        Assert.Equal(0, harness.LiveTimers);
        Assert.False(harness.Run.IsCompleted); // waits for verification
        Assert.Equal(2, harness.Generations.Count); // registration, then registered
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Profile_NoProfileToOpenTheAccountWith_StaysAndWaits(string version)
    {
        var harness = new OrchestrationHarness(version: version) { OpenAccountSucceeds = false }.Start();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();

        harness.SubmitProfile();

        Assert.Equal(JourneyStage.AwaitingProfile, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V3, MemberType = typeof(LiveVersions))] // bound inputs since version 3
    public void Profile_TheAccountIsOpenedFromTheInputTheEventNamed_AndAnUnboundOneIsIgnored(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();

        harness.Raise(new ProfileSubmitted { InputId = "unbound" });
        Assert.Equal(JourneyStage.AwaitingProfile, harness.Status.Stage);
        Assert.Empty(harness.AccountsOpened);
        harness.SubmitProfile();

        AccountOrder opened = Assert.Single(harness.InputsOf(JourneyActivities.OpenAccountV3).Cast<AccountOrder>());
        Assert.Equal(new BoundInput("profile", "profile-input", "profile-hash"), opened.Profile);
        Assert.Equal(JourneyStage.Registered, harness.Status.Stage);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.From), JourneyVersions.V2, MemberType = typeof(LiveVersions))] // the steps carry their records since version 2
    public void Cancel_DuringPhoneCode_CancelledUserToldAndAddressReleased(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.Cancel();

        Assert.Equal(JourneyStage.Cancelled, harness.Outcome);
        Assert.Equal(NoticeKind.Cancelled, Assert.Single(harness.Notices).Kind);
        Assert.Single(harness.InputsOf(JourneyActivities.FinishJourney));
        Assert.Equal(0, harness.LiveTimers);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Cancel_ByOperator_UserToldTheReason(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.Cancel(byOperator: true);

        Notice notice = Assert.Single(harness.Notices);
        Assert.Equal(NoticeKind.Terminated, notice.Kind);
        Assert.Equal("fraud check", notice.Reason);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Cancel_RaisedBeforeTheJourneyWaits_StillApplied(string version)
    {
        var harness = new OrchestrationHarness(version: version);
        harness.Cancel();

        harness.Start();

        Assert.Equal(JourneyStage.Cancelled, harness.Outcome);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Inputs_Applied_TheirIdsArePublished(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();

        harness.Raise(new PhoneCodeEntered(["wrong"]) { InputId = "first" });
        harness.Raise(new PhoneCodeResendRequested { InputId = "second" });

        Assert.Equal(["first", "second"], harness.AppliedInputs);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Inputs_ManyApplied_OnlyTheLastSixteenIdsKept(string version)
    {
        var harness = new OrchestrationHarness(JourneyPolicy.Default with { MaxCodeAttempts = 100 }, version).Start();

        for (int i = 0; i < 20; i++)
        {
            harness.Raise(new PhoneCodeEntered(["wrong"]) { InputId = $"input-{i}" });
        }

        Assert.Equal(Enumerable.Range(4, 16).Select(i => $"input-{i}"), harness.AppliedInputs);
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void Statuses_EveryPublishedStatus_HasAHigherVersion(string version)
    {
        var harness = new OrchestrationHarness(version: version).Start();
        harness.EnterWrongPhoneCode();
        harness.EnterPhoneCode(1);
        harness.ConfirmEmail();

        int[] versions = harness.Statuses.Select(status => status.Version).ToArray();

        Assert.Equal(versions.Order().Distinct(), versions);
    }
}
