using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// The activities version 1 calls (<see cref="JourneyV1"/>), frozen with it: each bound to its wire
/// name and to the types it was released with, called with the retry policy it was released with.
/// Never change it; a newer version has its own. The hosts register every one (<see cref="JourneyActivities.All"/>; tests check it).
/// </summary>
sealed class JourneyV1Activities(TaskOrchestrationContext context)
{
    public static readonly JourneyActivity<ChallengeOrder, string> SendPhoneCode = new("SendPhoneCode");
    public static readonly JourneyActivity<ChallengeOrder, string> SendEmailLink = new("SendEmailLink");
    public static readonly JourneyActivity<string, bool> OpenAccount = new("OpenAccount");
    public static readonly JourneyActivity<DepositOrder, DepositsMade> SendDeposits = new("SendDeposits");
    public static readonly JourneyActivity<string, bool> CompleteVerification = new("CompleteVerification");
    public static readonly JourneyActivity<string, bool> ReleaseRegistration = new("ReleaseRegistration");
    public static readonly JourneyActivity<Notice, bool> NotifyUser = new("NotifyUser");
    public static readonly JourneyActivity<ProgressReport, bool> RecordProgress = new("RecordProgress");

    public static IReadOnlyList<IJourneyActivity> All { get; } =
        [SendPhoneCode, SendEmailLink, OpenAccount, SendDeposits, CompleteVerification, ReleaseRegistration, NotifyUser, RecordProgress];

    /// <summary>Retried through passing faults (about 2 minutes in all).</summary>
    static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    public Task<TOutput> CallAsync<TInput, TOutput>(JourneyActivity<TInput, TOutput> activity, TInput input) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, Retried);

    public Task<DepositsMade> SendDepositsAsync(DepositOrder order) => CallAsync(SendDeposits, order);

    public Task<bool> NotifyUserAsync(Notice notice) => CallAsync(NotifyUser, notice);

    public Task<bool> RecordProgressAsync(ProgressReport report) => CallAsync(RecordProgress, report);
}
