using Onboarding.Application.Events;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Events;

public sealed class JourneyEventTypesTests
{
    static JourneyProgress Progress(JourneyStage stage, VerificationOutcome? outcome = null) =>
        new(stage, null, null, null, outcome is null ? null : new VerificationProgress(1, 1, 2, outcome, "****4321"), null, new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc), 7);

    [Theory]
    [InlineData(null, JourneyStage.AwaitingPhoneCode, null, JourneyEventTypes.Started)]
    [InlineData(JourneyStage.AwaitingPhoneCode, JourneyStage.AwaitingEmailConfirmation, null, JourneyEventTypes.PhoneConfirmed)]
    [InlineData(JourneyStage.AwaitingEmailConfirmation, JourneyStage.AwaitingProfile, null, JourneyEventTypes.EmailConfirmed)]
    [InlineData(JourneyStage.AwaitingProfile, JourneyStage.Registered, null, JourneyEventTypes.Registered)]
    [InlineData(JourneyStage.Registered, JourneyStage.AwaitingDepositAmounts, null, JourneyEventTypes.VerificationStarted)]
    [InlineData(JourneyStage.AwaitingDepositAmounts, JourneyStage.Registered, VerificationOutcome.Failed, JourneyEventTypes.VerificationFailed)]
    [InlineData(JourneyStage.AwaitingDepositAmounts, JourneyStage.Registered, VerificationOutcome.Expired, JourneyEventTypes.VerificationExpired)]
    [InlineData(JourneyStage.AwaitingDepositAmounts, JourneyStage.Verified, null, JourneyEventTypes.Verified)]
    [InlineData(JourneyStage.AwaitingDepositAmounts, JourneyStage.Locked, VerificationOutcome.Failed, JourneyEventTypes.Locked)]
    [InlineData(JourneyStage.Locked, JourneyStage.Registered, VerificationOutcome.Failed, JourneyEventTypes.Unlocked)]
    [InlineData(JourneyStage.Locked, JourneyStage.Cancelled, null, JourneyEventTypes.Cancelled)]
    [InlineData(JourneyStage.AwaitingProfile, JourneyStage.Expired, null, JourneyEventTypes.Expired)]
    public void Of_StageChange_IsTheTypeABackOfficeReads(JourneyStage? previous, JourneyStage stage, VerificationOutcome? outcome, string expected) =>
        Assert.Equal(expected, JourneyEventTypes.Of(previous, Progress(stage, outcome)));

    [Fact]
    public void Of_EveryStage_HasAType()
    {
        foreach (JourneyStage stage in Enum.GetValues<JourneyStage>())
        {
            foreach (JourneyStage? previous in Enum.GetValues<JourneyStage>().Cast<JourneyStage?>().Append(null))
            {
                Assert.Contains(JourneyEventTypes.Of(previous, Progress(stage)), JourneyEventTypes.All);
            }
        }
    }
}
