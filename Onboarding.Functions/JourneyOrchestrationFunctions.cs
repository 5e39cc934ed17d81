using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Onboarding.Application.Journeys;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;
using Onboarding.Domain.Journeys;

namespace Onboarding.Functions;

/// <summary>The journey's orchestrator and activities as Durable Functions, each calling the shared class.</summary>
public sealed class JourneyOrchestrationFunctions(
    SendPhoneCode sendPhoneCode,
    SendEmailLink sendEmailLink,
    OpenAccount openAccount,
    ReleaseRegistration releaseRegistration,
    NotifyUser notifyUser,
    SendDeposits sendDeposits,
    CompleteVerification completeVerification,
    RecordProgress recordProgress)
{
    [Function(JourneyOrchestrator.Name)]
    public Task<JourneyStage> RunJourney([OrchestrationTrigger] TaskOrchestrationContext context, JourneyInput input) =>
        new JourneyOrchestrator().RunAsync(context, input);

    [Function(JourneyActivities.SendPhoneCode)]
    public Task<string> SendPhoneCode([ActivityTrigger] ChallengeOrder order) => sendPhoneCode.RunAsync(order);

    [Function(JourneyActivities.SendEmailLink)]
    public Task<string> SendEmailLink([ActivityTrigger] ChallengeOrder order) => sendEmailLink.RunAsync(order);

    [Function(JourneyActivities.OpenAccount)]
    public Task<bool> OpenAccount([ActivityTrigger] string journeyId) => openAccount.RunAsync(journeyId);

    [Function(JourneyActivities.ReleaseRegistration)]
    public Task<bool> ReleaseRegistration([ActivityTrigger] string journeyId) => releaseRegistration.RunAsync(journeyId);

    [Function(JourneyActivities.NotifyUser)]
    public Task<bool> NotifyUser([ActivityTrigger] Notice notice) => notifyUser.RunAsync(notice);

    [Function(JourneyActivities.SendDeposits)]
    public Task<DepositsMade> SendDeposits([ActivityTrigger] DepositOrder order) => sendDeposits.RunAsync(order);

    [Function(JourneyActivities.CompleteVerification)]
    public Task<bool> CompleteVerification([ActivityTrigger] string journeyId) => completeVerification.RunAsync(journeyId);

    [Function(JourneyActivities.RecordProgress)]
    public Task<bool> RecordProgress([ActivityTrigger] ProgressReport report) => recordProgress.RunAsync(report);
}
