using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;
using Onboarding.Domain.Journeys;

namespace Onboarding.Functions;

/// <summary>
/// The journey's orchestrator and every activity of <see cref="JourneyActivities.All"/> as Durable
/// Functions, each calling the shared class (tests check the list, the names and the types).
/// </summary>
public sealed class JourneyOrchestrationFunctions(
    SendPhoneCode sendPhoneCode,
    SendEmailLink sendEmailLink,
    OpenAccount openAccount,
    SendDeposits sendDeposits,
    CompleteVerification completeVerification,
    NotifyUser notifyUser,
    FinishJourney finishJourney,
    RecordProgress recordProgress,
    ReleaseRegistration releaseRegistration)
{
    [Function(JourneyOrchestrator.Name)]
    public Task<JourneyStage> RunJourney([OrchestrationTrigger] TaskOrchestrationContext context, JourneyInput input) =>
        new JourneyOrchestrator().RunAsync(context, input);

    [Function(JourneyActivities.Names.SendPhoneCode)]
    public Task<string> SendPhoneCode([ActivityTrigger] ChallengeOrder order) => sendPhoneCode.RunAsync(order);

    [Function(JourneyActivities.Names.SendEmailLink)]
    public Task<string> SendEmailLink([ActivityTrigger] ChallengeOrder order) => sendEmailLink.RunAsync(order);

    [Function(JourneyActivities.Names.OpenAccountV2)]
    public Task<bool> OpenAccountV2([ActivityTrigger] ProgressReport registered) => openAccount.RunAsync(registered);

    [Function(JourneyActivities.Names.SendDeposits)]
    public Task<DepositsMade> SendDeposits([ActivityTrigger] DepositOrder order) => sendDeposits.RunAsync(order);

    [Function(JourneyActivities.Names.CompleteVerificationV2)]
    public Task<bool> CompleteVerificationV2([ActivityTrigger] ProgressReport verified) => completeVerification.RunAsync(verified);

    [Function(JourneyActivities.Names.NotifyUser)]
    public Task<bool> NotifyUser([ActivityTrigger] Notice notice) => notifyUser.RunAsync(notice);

    [Function(JourneyActivities.Names.FinishJourney)]
    public Task<bool> FinishJourney([ActivityTrigger] JourneyEnd end) => finishJourney.RunAsync(end);

    [Function(JourneyActivities.Names.RecordProgress)]
    public Task<bool> RecordProgress([ActivityTrigger] ProgressReport report) => recordProgress.RunAsync(report);

    [Function(JourneyActivities.Names.OpenAccountV3)]
    public Task<bool> OpenAccountV3([ActivityTrigger] AccountOrder order) => openAccount.RunAsync(order);

    [Function(JourneyActivities.Names.SendDepositsV3)]
    public Task<DepositsMade> SendDepositsV3([ActivityTrigger] DepositOrder order) => sendDeposits.RunAsync(order);

    [Function(JourneyActivities.Names.CompleteVerificationV3)]
    public Task<bool> CompleteVerificationV3([ActivityTrigger] VerificationOrder order) => completeVerification.RunAsync(order);

    [Function(JourneyActivities.Names.OpenAccount)]
    public Task<bool> OpenAccount([ActivityTrigger] string journeyId) => openAccount.RunAsync(journeyId);

    [Function(JourneyActivities.Names.CompleteVerification)]
    public Task<bool> CompleteVerification([ActivityTrigger] string journeyId) => completeVerification.RunAsync(journeyId);

    [Function(JourneyActivities.Names.ReleaseRegistration)]
    public Task<bool> ReleaseRegistration([ActivityTrigger] string journeyId) => releaseRegistration.RunAsync(journeyId);
}
