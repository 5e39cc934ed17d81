namespace Onboarding.Domain.Journeys;

/// <summary>Every kind of input a journey takes, from its user or from an operator.</summary>
public enum InputKind
{
    PhoneCode,
    PhoneCodeResend,
    EmailConfirmation,
    EmailLinkResend,
    Profile,
    Verification,
    DepositAmounts,
    Cancellation,
    Unlock,
}
