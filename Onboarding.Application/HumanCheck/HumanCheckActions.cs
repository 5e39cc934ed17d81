namespace Onboarding.Application.HumanCheck;

/// <summary>The widget's action (Turnstile's <c>data-action</c>) each route expects: a token solved for one cannot be spent on the other.</summary>
public static class HumanCheckActions
{
    public const string Start = "start";
    public const string Resend = "resend";
    public const string ResumeLink = "resume-link";
}
