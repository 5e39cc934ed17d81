using Microsoft.DurableTask;
using Onboarding.Application.Journeys;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;

namespace Onboarding.LocalHost.Durable;

/// <summary>
/// Registers the journey's orchestrator and activities with a Durable Task worker (the local
/// host and test hosts). The Azure Functions host binds the same classes with triggers instead.
/// </summary>
public static class JourneyTasks
{
    public static DurableTaskRegistry AddJourney(this DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<JourneyOrchestrator>();
        Add<SendPhoneCode, ChallengeOrder, string>(registry, JourneyActivities.SendPhoneCode, (activity, order) => activity.RunAsync(order));
        Add<SendEmailLink, ChallengeOrder, string>(registry, JourneyActivities.SendEmailLink, (activity, order) => activity.RunAsync(order));
        Add<OpenAccount, string, bool>(registry, JourneyActivities.OpenAccount, (activity, journeyId) => activity.RunAsync(journeyId));
        Add<ReleaseRegistration, string, bool>(registry, JourneyActivities.ReleaseRegistration, (activity, journeyId) => activity.RunAsync(journeyId));
        Add<NotifyUser, Notice, bool>(registry, JourneyActivities.NotifyUser, (activity, notice) => activity.RunAsync(notice));
        Add<SendDeposits, DepositOrder, DepositsMade>(registry, JourneyActivities.SendDeposits, (activity, order) => activity.RunAsync(order));
        Add<CompleteVerification, string, bool>(registry, JourneyActivities.CompleteVerification, (activity, journeyId) => activity.RunAsync(journeyId));
        Add<RecordProgress, ProgressReport, bool>(registry, JourneyActivities.RecordProgress, (activity, report) => activity.RunAsync(report));
        return registry;
    }

    static void Add<TActivity, TInput, TOutput>(DurableTaskRegistry registry, string name, Func<TActivity, TInput, Task<TOutput>> run)
        where TActivity : notnull =>
        registry.AddActivity(name, services => new Activity<TInput, TOutput>(input => run(services.GetRequiredService<TActivity>(), input)));

    sealed class Activity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
