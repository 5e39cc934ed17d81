using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// The activities version 3 calls (<see cref="JourneyV3"/>), frozen with it once released: each bound to its wire
/// name and to the types it was released with, called with the retry policy it was released with.
/// Never change it: a newer version copies it (README, "Changing the journey"). The hosts register
/// every one (<see cref="JourneyActivities.All"/>; tests check it).
/// </summary>
sealed class JourneyV3Activities(TaskOrchestrationContext context)
{
    public static readonly JourneyActivity<ChallengeOrder, string> SendPhoneCode = new("SendPhoneCode");
    public static readonly JourneyActivity<ChallengeOrder, string> SendEmailLink = new("SendEmailLink");
    public static readonly JourneyActivity<AccountOrder, bool> OpenAccountV3 = new("OpenAccountV3");
    public static readonly JourneyActivity<DepositOrder, DepositsMade> SendDepositsV3 = new("SendDepositsV3");
    public static readonly JourneyActivity<VerificationOrder, bool> CompleteVerificationV3 = new("CompleteVerificationV3");
    public static readonly JourneyActivity<Notice, bool> NotifyUser = new("NotifyUser");
    public static readonly JourneyActivity<JourneyEnd, bool> FinishJourney = new("FinishJourney");
    public static readonly JourneyActivity<ProgressReport, bool> RecordProgress = new("RecordProgress");

    public static IReadOnlyList<IJourneyActivity> All { get; } =
        [SendPhoneCode, SendEmailLink, OpenAccountV3, SendDepositsV3, CompleteVerificationV3, NotifyUser, FinishJourney, RecordProgress];

    /// <summary>Retried through passing faults (about 2 minutes in all); past that, JourneyV3's steps pause and try again.</summary>
    static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    public Task<TOutput> CallAsync<TInput, TOutput>(JourneyActivity<TInput, TOutput> activity, TInput input) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, Retried);

    public Task<bool> OpenAccountAsync(AccountOrder order) => CallAsync(OpenAccountV3, order);

    public Task<DepositsMade> SendDepositsAsync(DepositOrder order) => CallAsync(SendDepositsV3, order);

    public Task<bool> CompleteVerificationAsync(VerificationOrder order) => CallAsync(CompleteVerificationV3, order);

    public Task<bool> NotifyUserAsync(Notice notice) => CallAsync(NotifyUser, notice);

    public Task<bool> FinishJourneyAsync(JourneyEnd end) => CallAsync(FinishJourney, end);

    public Task<bool> RecordProgressAsync(ProgressReport report) => CallAsync(RecordProgress, report);
}
