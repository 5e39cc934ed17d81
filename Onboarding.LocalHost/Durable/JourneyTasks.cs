using Microsoft.DurableTask;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;

namespace Onboarding.LocalHost.Durable;

/// <summary>
/// Registers the journey's orchestrator and every activity of <see cref="JourneyActivities.All"/>
/// with the Durable Task worker, each bound to the class that runs it (the compiler checks that the
/// class takes the activity's input and gives its output). The Azure Functions host binds the same
/// list with triggers instead; tests check that both bind exactly the list.
/// </summary>
public static class JourneyTasks
{
    public static IReadOnlyList<ActivityBinding> Activities { get; } =
    [
        Bind(JourneyActivities.SendPhoneCode, (SendPhoneCode activity, ChallengeOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.SendEmailLink, (SendEmailLink activity, ChallengeOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.OpenAccountV2, (OpenAccount activity, ProgressReport registered) => activity.RunAsync(registered)),
        Bind(JourneyActivities.SendDeposits, (SendDeposits activity, DepositOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.CompleteVerificationV2, (CompleteVerification activity, ProgressReport verified) => activity.RunAsync(verified)),
        Bind(JourneyActivities.NotifyUser, (NotifyUser activity, Notice notice) => activity.RunAsync(notice)),
        Bind(JourneyActivities.FinishJourney, (FinishJourney activity, JourneyEnd end) => activity.RunAsync(end)),
        Bind(JourneyActivities.RecordProgress, (RecordProgress activity, ProgressReport report) => activity.RunAsync(report)),
        Bind(JourneyActivities.OpenAccountV3, (OpenAccount activity, AccountOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.SendDepositsV3, (SendDeposits activity, DepositOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.CompleteVerificationV3, (CompleteVerification activity, VerificationOrder order) => activity.RunAsync(order)),
        Bind(JourneyActivities.OpenAccount, (OpenAccount activity, string journeyId) => activity.RunAsync(journeyId)),
        Bind(JourneyActivities.CompleteVerification, (CompleteVerification activity, string journeyId) => activity.RunAsync(journeyId)),
        Bind(JourneyActivities.ReleaseRegistration, (ReleaseRegistration activity, string journeyId) => activity.RunAsync(journeyId)),
    ];

    public static DurableTaskRegistry AddJourney(this DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<JourneyOrchestrator>();
        foreach (ActivityBinding binding in Activities)
        {
            registry.AddActivity(binding.Name, binding.Create);
        }

        return registry;
    }

    /// <summary>One activity's name and how the worker makes the task that runs it.</summary>
    public sealed record ActivityBinding(string Name, Func<IServiceProvider, ITaskActivity> Create);

    static ActivityBinding Bind<TActivity, TInput, TOutput>(JourneyActivity<TInput, TOutput> activity, Func<TActivity, TInput, Task<TOutput>> run)
        where TActivity : notnull =>
        new(activity.Name, services => new Activity<TInput, TOutput>(input => run(services.GetRequiredService<TActivity>(), input)));

    sealed class Activity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
