using Microsoft.DurableTask;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// Every activity of the journey: its name (the <c>[Function]</c> name on Azure), its input and
/// output types, and a typed call for the orchestrator — the shape Microsoft.DurableTask.Generators
/// would generate. Both hosts register exactly <see cref="All"/> (tests check it).
/// </summary>
public static class JourneyActivities
{
    /// <summary>The wire names. Never change one: waiting journeys replay by it. A step whose input changes gets a new name.</summary>
    public static class Names
    {
        public const string SendPhoneCode = "SendPhoneCode";
        public const string SendEmailLink = "SendEmailLink";
        public const string OpenAccountV2 = "OpenAccountV2";
        public const string SendDeposits = "SendDeposits";
        public const string CompleteVerificationV2 = "CompleteVerificationV2";
        public const string NotifyUser = "NotifyUser";
        public const string FinishJourney = "FinishJourney";
        public const string RecordProgress = "RecordProgress";

        // Called only by journeys still running on version 1 (JourneyV1); delete with it.
        public const string OpenAccount = "OpenAccount";
        public const string CompleteVerification = "CompleteVerification";
        public const string ReleaseRegistration = "ReleaseRegistration";
    }

    public static readonly JourneyActivity<ChallengeOrder, string> SendPhoneCode = new(Names.SendPhoneCode);
    public static readonly JourneyActivity<ChallengeOrder, string> SendEmailLink = new(Names.SendEmailLink);
    public static readonly JourneyActivity<ProgressReport, bool> OpenAccountV2 = new(Names.OpenAccountV2);
    public static readonly JourneyActivity<DepositOrder, DepositsMade> SendDeposits = new(Names.SendDeposits);
    public static readonly JourneyActivity<ProgressReport, bool> CompleteVerificationV2 = new(Names.CompleteVerificationV2);
    public static readonly JourneyActivity<Notice, bool> NotifyUser = new(Names.NotifyUser);
    public static readonly JourneyActivity<JourneyEnd, bool> FinishJourney = new(Names.FinishJourney);
    public static readonly JourneyActivity<ProgressReport, bool> RecordProgress = new(Names.RecordProgress);
    public static readonly JourneyActivity<string, bool> OpenAccount = new(Names.OpenAccount);
    public static readonly JourneyActivity<string, bool> CompleteVerification = new(Names.CompleteVerification);
    public static readonly JourneyActivity<string, bool> ReleaseRegistration = new(Names.ReleaseRegistration);

    public static IReadOnlyList<IJourneyActivity> All { get; } =
    [
        SendPhoneCode, SendEmailLink, OpenAccountV2, SendDeposits, CompleteVerificationV2, NotifyUser, FinishJourney, RecordProgress,
        OpenAccount, CompleteVerification, ReleaseRegistration,
    ];

    /// <summary>Activities talk to storage, ACS and the bank: retry them through passing faults (about 2 minutes in all).</summary>
    public static TaskOptions Retried { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    public static Task<TOutput> CallAsync<TInput, TOutput>(this TaskOrchestrationContext context, JourneyActivity<TInput, TOutput> activity, TInput input) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, Retried);

    public static Task<string> SendPhoneCodeAsync(this TaskOrchestrationContext context, ChallengeOrder order) => context.CallAsync(SendPhoneCode, order);

    public static Task<string> SendEmailLinkAsync(this TaskOrchestrationContext context, ChallengeOrder order) => context.CallAsync(SendEmailLink, order);

    public static Task<bool> OpenAccountAsync(this TaskOrchestrationContext context, ProgressReport registered) => context.CallAsync(OpenAccountV2, registered);

    public static Task<DepositsMade> SendDepositsAsync(this TaskOrchestrationContext context, DepositOrder order) => context.CallAsync(SendDeposits, order);

    public static Task<bool> CompleteVerificationAsync(this TaskOrchestrationContext context, ProgressReport verified) => context.CallAsync(CompleteVerificationV2, verified);

    public static Task<bool> NotifyUserAsync(this TaskOrchestrationContext context, Notice notice) => context.CallAsync(NotifyUser, notice);

    public static Task<bool> FinishJourneyAsync(this TaskOrchestrationContext context, JourneyEnd end) => context.CallAsync(FinishJourney, end);

    public static Task<bool> RecordProgressAsync(this TaskOrchestrationContext context, ProgressReport report) => context.CallAsync(RecordProgress, report);
}
