namespace Onboarding.Application.Orchestration;

/// <summary>
/// Every activity the hosts register: its name (the <c>[Function]</c> name on Azure) and its input and
/// output types. Both hosts register exactly <see cref="All"/>, and every live version's own bindings
/// (<c>JourneyV1Activities</c>, <c>JourneyV2Activities</c>, <c>JourneyV3Activities</c>, which the orchestrator versions call) are
/// among them with the same types (tests check both).
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
        public const string OpenAccountV3 = "OpenAccountV3";
        public const string SendDepositsV3 = "SendDepositsV3";
        public const string CompleteVerificationV3 = "CompleteVerificationV3";

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
    public static readonly JourneyActivity<AccountOrder, bool> OpenAccountV3 = new(Names.OpenAccountV3);
    public static readonly JourneyActivity<DepositOrder, DepositsMade> SendDepositsV3 = new(Names.SendDepositsV3);
    public static readonly JourneyActivity<VerificationOrder, bool> CompleteVerificationV3 = new(Names.CompleteVerificationV3);
    public static readonly JourneyActivity<string, bool> OpenAccount = new(Names.OpenAccount);
    public static readonly JourneyActivity<string, bool> CompleteVerification = new(Names.CompleteVerification);
    public static readonly JourneyActivity<string, bool> ReleaseRegistration = new(Names.ReleaseRegistration);

    public static IReadOnlyList<IJourneyActivity> All { get; } =
    [
        SendPhoneCode, SendEmailLink, OpenAccountV2, SendDeposits, CompleteVerificationV2, NotifyUser, FinishJourney, RecordProgress,
        OpenAccountV3, SendDepositsV3, CompleteVerificationV3,
        OpenAccount, CompleteVerification, ReleaseRegistration,
    ];
}
