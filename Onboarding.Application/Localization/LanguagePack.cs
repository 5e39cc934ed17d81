namespace Onboarding.Application.Localization;

/// <summary>Every text the journey shows or sends, in one language. Placeholders are positional.</summary>
public sealed record LanguagePack
{
    /// <summary>{0} a count of minutes, hours, days, deposits: one form for 1, another for the rest (<see cref="Plural"/>).</summary>
    public required Plural Minutes { get; init; }
    public required Plural Hours { get; init; }
    public required Plural Days { get; init; }
    public required Plural Deposits { get; init; }

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

    /// <summary>{0} the deposits (<see cref="Deposits"/>), {1} last four digits, {2} deadline.</summary>
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

    /// <summary>The same when a running registration confirmed the address; {0} the way back into it (<see cref="WayBack"/>).</summary>
    public required string AddressInProgressSubject { get; init; }
    public required string AddressInProgressText { get; init; }

    public required string PageTitle { get; init; }

    /// <summary>{0} masked e-mail address.</summary>
    public required string PagePrompt { get; init; }
    public required string PageButton { get; init; }
    public required string PageConfirmed { get; init; }
    public required string PageInvalid { get; init; }
    public required string PagePending { get; init; }
    public required string PageEmailTaken { get; init; }

    /// <summary>The page's link to go on in the app on the device that confirmed.</summary>
    public required string PageContinueHere { get; init; }

    /// <summary>What ends every message but the code and the confirmation link: {0} a way back into the journey, {1} how long it works.</summary>
    public required string WayBack { get; init; }

    /// <summary>The same in a text message: {0} the link.</summary>
    public required string WayBackSms { get; init; }

    /// <summary>{0} whom to ask (e-mail, phone, page), when configured.</summary>
    public required string SupportLine { get; init; }

    /// <summary>The e-mail a person asks for on the start page, with a way back into their running journey.</summary>
    public required string ResumeSubject { get; init; }
    public required string ResumeText { get; init; }

    public required string WrongCode { get; init; }
    public required string WrongAmounts { get; init; }
    public required string CodeExpired { get; init; }
}

/// <summary>A text with a count: <see cref="One"/> for 1, <see cref="Other"/> for any other count ({0}).</summary>
public sealed record Plural(string One, string Other)
{
    /// <summary>The same text for every count (languages without plural forms).</summary>
    public static Plural Same(string text) => new(text, text);

    public string For(int count) => count == 1 ? One : Other;
}
