using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// The activities version 2 calls (<see cref="JourneyV2"/>), frozen with it: each bound to its wire
/// name and to the types it was released with, called with the retry policy it was released with.
/// Never change it: a newer version copies it (README, "Changing the journey"). The hosts register
/// every one (<see cref="JourneyActivities.All"/>; tests check it).
/// </summary>
sealed class JourneyV2Activities(TaskOrchestrationContext context)
{
    public static readonly JourneyActivity<ChallengeOrder, string> SendPhoneCode = new("SendPhoneCode");
    public static readonly JourneyActivity<ChallengeOrder, string> SendEmailLink = new("SendEmailLink");
    public static readonly JourneyActivity<ProgressReport, bool> OpenAccountV2 = new("OpenAccountV2");
    public static readonly JourneyActivity<DepositOrder, DepositsMade> SendDeposits = new("SendDeposits");
    public static readonly JourneyActivity<ProgressReport, bool> CompleteVerificationV2 = new("CompleteVerificationV2");
    public static readonly JourneyActivity<Notice, bool> NotifyUser = new("NotifyUser");
    public static readonly JourneyActivity<JourneyEnd, bool> FinishJourney = new("FinishJourney");
    public static readonly JourneyActivity<ProgressReport, bool> RecordProgress = new("RecordProgress");

    public static IReadOnlyList<IJourneyActivity> All { get; } =
        [SendPhoneCode, SendEmailLink, OpenAccountV2, SendDeposits, CompleteVerificationV2, NotifyUser, FinishJourney, RecordProgress];

    /// <summary>Retried through passing faults (about 2 minutes in all); past that, JourneyV2's steps pause and try again.</summary>
    static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    public Task<TOutput> CallAsync<TInput, TOutput>(JourneyActivity<TInput, TOutput> activity, TInput input) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, Retried);

    public Task<bool> OpenAccountAsync(ProgressReport registered) => CallAsync(OpenAccountV2, registered);

    public Task<DepositsMade> SendDepositsAsync(DepositOrder order) => CallAsync(SendDeposits, order);

    public Task<bool> CompleteVerificationAsync(ProgressReport verified) => CallAsync(CompleteVerificationV2, verified);

    public Task<bool> NotifyUserAsync(Notice notice) => CallAsync(NotifyUser, notice);

    public Task<bool> FinishJourneyAsync(JourneyEnd end) => CallAsync(FinishJourney, end);

    public Task<bool> RecordProgressAsync(ProgressReport report) => CallAsync(RecordProgress, report);
}
