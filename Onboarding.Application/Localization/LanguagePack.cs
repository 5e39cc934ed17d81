namespace Onboarding.Application.Localization;

/// <summary>Every text the journey shows or sends, in one language. Placeholders are positional.</summary>
public sealed record LanguagePack
{
    public required string Minutes { get; init; }
    public required string Hours { get; init; }
    public required string Days { get; init; }

    /// <summary>{0} code, {1} validity.</summary>
    public required string PhoneCodeSms { get; init; }
    public required string EmailLinkSubject { get; init; }

    /// <summary>{0} link, {1} validity.</summary>
    public required string EmailLinkText { get; init; }
    public required string WelcomeSubject { get; init; }
    public required string WelcomeText { get; init; }
    public required string ExpiredSubject { get; init; }
    public required string ExpiredText { get; init; }
    public required string CancelledSubject { get; init; }
    public required string CancelledText { get; init; }

    /// <summary>{0} reason given by the operator.</summary>
    public required string TerminatedText { get; init; }

    /// <summary>{0} number of deposits, {1} last four digits, {2} deadline.</summary>
    public required string DepositsSentSubject { get; init; }
    public required string DepositsSentText { get; init; }
    public required string DepositsSentSms { get; init; }

    /// <summary>{0} deadline.</summary>
    public required string DepositReminderSubject { get; init; }
    public required string DepositReminderText { get; init; }
    public required string VerifiedSubject { get; init; }
    public required string VerifiedText { get; init; }

    /// <summary>{0} cycles left.</summary>
    public required string CycleFailedSubject { get; init; }
    public required string CycleFailedText { get; init; }
    public required string CycleExpiredSubject { get; init; }
    public required string CycleExpiredText { get; init; }
    public required string LockedSubject { get; init; }
    public required string LockedText { get; init; }
    public required string UnlockedSubject { get; init; }
    public required string UnlockedText { get; init; }

    /// <summary>{0} the time of the journey's last change, {1} when it will be ended.</summary>
    public required string InactivityNoticeSubject { get; init; }
    public required string InactivityNoticeText { get; init; }

    /// <summary>{0} the time of the journey's last change.</summary>
    public required string InactiveEndedSubject { get; init; }
    public required string InactiveEndedText { get; init; }

    /// <summary>To an address's owner, when a registration that named their address proved its phone: the address has an account.</summary>
    public required string AddressRegisteredSubject { get; init; }
    public required string AddressRegisteredText { get; init; }

    /// <summary>The same when a running registration confirmed the address; {0} how to continue it (<see cref="AddressInProgressContinue"/>).</summary>
    public required string AddressInProgressSubject { get; init; }
    public required string AddressInProgressText { get; init; }
    public required string AddressInProgressContinue { get; init; }

    public required string PageTitle { get; init; }

    /// <summary>{0} masked e-mail address.</summary>
    public required string PagePrompt { get; init; }
    public required string PageButton { get; init; }
    public required string PageConfirmed { get; init; }
    public required string PageInvalid { get; init; }
    public required string PagePending { get; init; }
    public required string PageEmailTaken { get; init; }

    public required string WrongCode { get; init; }
    public required string WrongAmounts { get; init; }
    public required string CodeExpired { get; init; }
}
