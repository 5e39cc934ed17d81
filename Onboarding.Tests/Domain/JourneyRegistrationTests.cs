using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class JourneyRegistrationTests
{
    static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    static readonly JourneyPolicy Policy = JourneyPolicy.Default;

    static Journey CodeSent()
    {
        Journey journey = Journey.Begin(Policy, Start);
        journey.ChallengeSent(Start);
        return journey;
    }

    [Fact]
    public void ChallengeSent_FirstCode_DeadlineIsCodeValidityAndAllAttemptsAndResendsRemain()
    {
        JourneyProgress progress = CodeSent().Progress;

        Assert.Equal(JourneyStage.AwaitingPhoneCode, progress.Stage);
        Assert.Equal(Start + Policy.PhoneCodeValidity, progress.Deadline);
        Assert.Equal(Policy.MaxCodeAttempts, progress.AttemptsRemaining);
        Assert.Equal(Policy.MaxResends, progress.ResendsRemaining);
        Assert.Null(progress.Verification);
        Assert.Equal(1, progress.Version);
    }

    [Fact]
    public void SubmitPhoneCode_Wrong_OneAttemptLessAndWrongCode()
    {
        Journey journey = CodeSent();

        InputResult result = journey.SubmitPhoneCode(matches: false, Start.AddMinutes(1));

        Assert.Equal(InputResult.Rejected, result);
        Assert.Equal(Policy.MaxCodeAttempts - 1, journey.Progress.AttemptsRemaining);
        Assert.Equal(JourneyErrorCodes.WrongCode, journey.Progress.LastErrorCode);
        Assert.Equal(JourneyStage.AwaitingPhoneCode, journey.Stage);
    }

    [Fact]
    public void SubmitPhoneCode_Right_MovesToEmailWithFreshResendsAndNoError()
    {
        Journey journey = CodeSent();
        journey.SubmitPhoneCode(false, Start);

        InputResult result = journey.SubmitPhoneCode(true, Start.AddMinutes(2));

        Assert.Equal(InputResult.Passed, result);
        Assert.Equal(JourneyStage.AwaitingEmailConfirmation, journey.Stage);
        Assert.Null(journey.Progress.LastErrorCode);
        Assert.Equal(Policy.MaxResends, journey.Progress.ResendsRemaining);
        Assert.Null(journey.Progress.AttemptsRemaining);
    }

    [Fact]
    public void SubmitPhoneCode_AllAttemptsWrongWithResendsLeft_CodeVoidUntilResend()
    {
        Journey journey = CodeSent();
        for (int i = 0; i < Policy.MaxCodeAttempts; i++)
        {
            journey.SubmitPhoneCode(false, Start);
        }

        InputResult rightButVoid = journey.SubmitPhoneCode(true, Start);

        Assert.Equal(InputResult.Rejected, rightButVoid);
        Assert.Equal(0, journey.Progress.AttemptsRemaining);
        Assert.Equal(JourneyStage.AwaitingPhoneCode, journey.Stage);
    }

    [Fact]
    public void SubmitPhoneCode_AllAttemptsWrongAndNoResendsLeft_JourneyExpires()
    {
        Journey journey = Journey.Begin(Policy with { MaxResends = 0, MaxCodeAttempts = 2 }, Start);
        journey.ChallengeSent(Start);
        journey.SubmitPhoneCode(false, Start);

        InputResult result = journey.SubmitPhoneCode(false, Start);

        Assert.Equal(InputResult.Ended, result);
        Assert.Equal(JourneyStage.Expired, journey.Stage);
        Assert.Null(journey.Progress.Deadline);
        Assert.Equal(JourneyErrorCodes.WrongCode, journey.Progress.LastErrorCode);
    }

    [Fact]
    public void TryTakeResend_ResendsLeft_UsesOneAndNewCodeRestartsTheWindow()
    {
        Journey journey = CodeSent();
        journey.SubmitPhoneCode(false, Start);
        DateTime later = Start.AddMinutes(4);

        bool allowed = journey.TryTakeResend(later);
        journey.ChallengeSent(later);

        Assert.True(allowed);
        Assert.Equal(Policy.MaxResends - 1, journey.Progress.ResendsRemaining);
        Assert.Equal(later + Policy.PhoneCodeValidity, journey.Deadline);
        Assert.Equal(Policy.MaxCodeAttempts, journey.Progress.AttemptsRemaining);
        Assert.Null(journey.Progress.LastErrorCode);
    }

    [Fact]
    public void TryTakeResend_NoneLeft_RefusedButVersionMoves()
    {
        Journey journey = Journey.Begin(Policy with { MaxResends = 0 }, Start);
        journey.ChallengeSent(Start);
        int version = journey.Progress.Version;

        bool allowed = journey.TryTakeResend(Start);

        Assert.False(allowed);
        Assert.Equal(version + 1, journey.Progress.Version);
    }

    [Fact]
    public void DeadlinePassed_CodeExpiresWithResendsLeft_CodeExpiredAndOneMoreWindowToAskForANewCode()
    {
        Journey journey = CodeSent();
        DateTime expiry = Start + Policy.PhoneCodeValidity;

        journey.DeadlinePassed(expiry);

        Assert.Equal(JourneyStage.AwaitingPhoneCode, journey.Stage);
        Assert.Equal(JourneyErrorCodes.CodeExpired, journey.Progress.LastErrorCode);
        Assert.Equal(expiry + Policy.PhoneCodeValidity, journey.Deadline);
        Assert.Equal(InputResult.Rejected, journey.SubmitPhoneCode(true, expiry));
        Assert.Equal(JourneyErrorCodes.CodeExpired, journey.Progress.LastErrorCode);
    }

    [Fact]
    public void DeadlinePassed_SecondTimeWithoutResend_JourneyExpires()
    {
        Journey journey = CodeSent();
        journey.DeadlinePassed(Start + Policy.PhoneCodeValidity);

        journey.DeadlinePassed(Start + 2 * Policy.PhoneCodeValidity);

        Assert.Equal(JourneyStage.Expired, journey.Stage);
        Assert.Equal(JourneyErrorCodes.CodeExpired, journey.Progress.LastErrorCode);
    }

    [Fact]
    public void DeadlinePassed_NoResendsLeft_JourneyExpiresAtOnce()
    {
        Journey journey = Journey.Begin(Policy with { MaxResends = 0 }, Start);
        journey.ChallengeSent(Start);

        journey.DeadlinePassed(Start + Policy.PhoneCodeValidity);

        Assert.Equal(JourneyStage.Expired, journey.Stage);
    }

    [Fact]
    public void ConfirmEmail_Right_AwaitsProfileWithinProfileWindow()
    {
        Journey journey = CodeSent();
        journey.SubmitPhoneCode(true, Start);
        journey.ChallengeSent(Start.AddMinutes(1));
        Assert.Equal(Start.AddMinutes(1) + Policy.EmailLinkValidity, journey.Deadline);

        InputResult result = journey.ConfirmEmail(true, Start.AddHours(2));

        Assert.Equal(InputResult.Passed, result);
        Assert.Equal(JourneyStage.AwaitingProfile, journey.Stage);
        Assert.Equal(Start.AddHours(2) + Policy.ProfileWindow, journey.Deadline);
        Assert.Null(journey.Progress.ResendsRemaining);
    }

    [Fact]
    public void ConfirmEmail_Wrong_NothingButVersionChanges()
    {
        Journey journey = CodeSent();
        journey.SubmitPhoneCode(true, Start);
        journey.ChallengeSent(Start);
        JourneyProgress before = journey.Progress;

        journey.ConfirmEmail(false, Start);

        Assert.Equal(before with { Version = before.Version + 1 }, journey.Progress);
    }

    [Fact]
    public void DeadlinePassed_ProfileWindow_JourneyExpires()
    {
        Journey journey = AwaitingProfile();

        journey.DeadlinePassed(Start + Policy.ProfileWindow);

        Assert.Equal(JourneyStage.Expired, journey.Stage);
    }

    [Fact]
    public void Registered_FromProfile_NoDeadlineAndNoVerificationYet()
    {
        Journey journey = AwaitingProfile();

        journey.Registered(Start.AddDays(1));

        Assert.Equal(JourneyStage.Registered, journey.Stage);
        Assert.Null(journey.Deadline);
        Assert.Null(journey.Progress.Verification);
        Assert.True(journey.Accepts(InputKind.Verification, Start.AddDays(1)).IsAccepted);
    }

    [Theory]
    [InlineData(JourneyStage.AwaitingPhoneCode)]
    [InlineData(JourneyStage.AwaitingProfile)]
    public void Cancel_OpenStage_Cancelled(JourneyStage stage)
    {
        Journey journey = stage == JourneyStage.AwaitingProfile ? AwaitingProfile() : CodeSent();

        journey.Cancel(Start);

        Assert.Equal(JourneyStage.Cancelled, journey.Stage);
        Assert.Null(journey.Deadline);
    }

    [Fact]
    public void Cancel_Terminal_Throws()
    {
        Journey journey = CodeSent();
        journey.Cancel(Start);

        Assert.Throws<JourneyRuleException>(() => journey.Cancel(Start));
    }

    [Fact]
    public void SubmitPhoneCode_WrongStage_Throws()
    {
        Journey journey = AwaitingProfile();

        var exception = Assert.Throws<JourneyRuleException>(() => journey.SubmitPhoneCode(true, Start));

        Assert.Equal(JourneyStage.AwaitingProfile, exception.Stage);
    }

    [Fact]
    public void Progress_EveryAppliedChange_MovesVersionByOne()
    {
        Journey journey = Journey.Begin(Policy, Start);
        var versions = new List<int> { journey.Progress.Version };

        journey.ChallengeSent(Start);
        versions.Add(journey.Progress.Version);
        journey.SubmitPhoneCode(false, Start);
        versions.Add(journey.Progress.Version);
        journey.InputIgnored(Start);
        versions.Add(journey.Progress.Version);
        journey.SubmitPhoneCode(true, Start);
        versions.Add(journey.Progress.Version);

        Assert.Equal([0, 1, 2, 3, 4], versions);
    }

    static Journey AwaitingProfile()
    {
        Journey journey = CodeSent();
        journey.SubmitPhoneCode(true, Start);
        journey.ChallengeSent(Start);
        journey.ConfirmEmail(true, Start);
        return journey;
    }
}
