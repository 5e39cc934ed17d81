using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class JourneyVerificationTests
{
    static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    static Journey Registered(JourneyPolicy? policy = null)
    {
        Journey journey = Journey.Begin(policy ?? JourneyPolicy.Default, Start);
        journey.ChallengeSent(Start);
        journey.SubmitPhoneCode(true, Start);
        journey.ChallengeSent(Start);
        journey.ConfirmEmail(true, Start);
        journey.Registered(Start);
        return journey;
    }

    [Fact]
    public void DepositsSent_Registered_AwaitsAmountsForTheDepositWindowWithReminderBefore()
    {
        Journey journey = Registered();

        journey.DepositsSent("****4321", Start);

        JourneyProgress progress = journey.Progress;
        Assert.Equal(JourneyStage.AwaitingDepositAmounts, progress.Stage);
        Assert.Equal(Start.AddDays(2), progress.Deadline);
        Assert.Equal(Start.AddDays(1), journey.DepositReminderAt);
        Assert.Equal(3, progress.AttemptsRemaining);
        Assert.Equal(new VerificationProgress(1, 3, 2, null, "****4321"), progress.Verification);
    }

    [Fact]
    public void SubmitDepositAmounts_Match_Verified()
    {
        Journey journey = Registered();
        journey.DepositsSent("****4321", Start);

        InputResult result = journey.SubmitDepositAmounts(true, Start.AddHours(3));

        Assert.Equal(InputResult.Passed, result);
        Assert.Equal(JourneyStage.Verified, journey.Stage);
        Assert.True(journey.Stage.IsFinal());
        Assert.Null(journey.Progress.LastErrorCode);
    }

    [Fact]
    public void SubmitDepositAmounts_Mismatch_OneAttemptLessAndWrongAmounts()
    {
        Journey journey = Registered();
        journey.DepositsSent("****4321", Start);

        InputResult result = journey.SubmitDepositAmounts(false, Start);

        Assert.Equal(InputResult.Rejected, result);
        Assert.Equal(2, journey.Progress.AttemptsRemaining);
        Assert.Equal(JourneyErrorCodes.WrongAmounts, journey.Progress.LastErrorCode);
    }

    [Fact]
    public void SubmitDepositAmounts_AttemptsExhausted_CycleFailsBackToRegistered()
    {
        Journey journey = Registered();
        journey.DepositsSent("****4321", Start);

        journey.SubmitDepositAmounts(false, Start);
        journey.SubmitDepositAmounts(false, Start);
        InputResult last = journey.SubmitDepositAmounts(false, Start);

        Assert.Equal(InputResult.Ended, last);
        Assert.Equal(JourneyStage.Registered, journey.Stage);
        Assert.Equal(VerificationOutcome.Failed, journey.Progress.Verification!.LastOutcome);
        Assert.Equal(2, journey.Progress.Verification.CyclesRemaining);
        Assert.Null(journey.Deadline);
        Assert.True(journey.Accepts(InputKind.Verification, Start).IsAccepted);
        Assert.Equal(2, journey.VerificationCycle);
    }

    [Fact]
    public void DeadlinePassed_DepositWindow_CycleExpiresBackToRegistered()
    {
        Journey journey = Registered();
        journey.DepositsSent("****4321", Start);

        journey.DeadlinePassed(Start.AddDays(2));

        Assert.Equal(JourneyStage.Registered, journey.Stage);
        Assert.Equal(VerificationOutcome.Expired, journey.Progress.Verification!.LastOutcome);
        Assert.Equal(2, journey.Progress.Verification.CyclesRemaining);
    }

    [Fact]
    public void EndOfCycle_NoCyclesLeft_Locked()
    {
        Journey journey = Registered(JourneyPolicy.Default with { MaxVerificationCycles = 2, MaxDepositAttempts = 1 });
        journey.DepositsSent("****4321", Start);
        journey.DeadlinePassed(Start.AddDays(2));
        journey.DepositsSent("****4321", Start.AddDays(3));

        journey.SubmitDepositAmounts(false, Start.AddDays(3));

        Assert.Equal(JourneyStage.Locked, journey.Stage);
        Assert.Equal(0, journey.Progress.Verification!.CyclesRemaining);
        Assert.Equal(new InputVerdict.WrongStage(JourneyStage.Locked), journey.Accepts(InputKind.Verification, Start.AddDays(3)));
    }

    [Fact]
    public void Unlock_Locked_OneMoreCycle()
    {
        Journey journey = Registered(JourneyPolicy.Default with { MaxVerificationCycles = 1, MaxDepositAttempts = 1 });
        journey.DepositsSent("****4321", Start);
        journey.SubmitDepositAmounts(false, Start);

        journey.Unlock(Start.AddDays(1));

        Assert.Equal(JourneyStage.Registered, journey.Stage);
        Assert.Equal(1, journey.Progress.Verification!.CyclesRemaining);
        Assert.Equal(2, journey.VerificationCycle);
    }

    [Fact]
    public void Unlock_NotLocked_Throws()
    {
        Assert.Throws<JourneyRuleException>(() => Registered().Unlock(Start));
    }

    [Fact]
    public void DepositReminderAt_NoReminderConfigured_Null()
    {
        Journey journey = Registered(JourneyPolicy.Default with { DepositReminderBefore = TimeSpan.Zero });
        journey.DepositsSent("****4321", Start);

        Assert.Null(journey.DepositReminderAt);
    }

    [Fact]
    public void Cancel_AwaitingDepositAmounts_Cancelled()
    {
        Journey journey = Registered();
        journey.DepositsSent("****4321", Start);

        journey.Cancel(Start);

        Assert.Equal(JourneyStage.Cancelled, journey.Stage);
    }
}
