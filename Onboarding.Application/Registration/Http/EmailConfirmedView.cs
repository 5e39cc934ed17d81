using Onboarding.Application.Contract;

namespace Onboarding.Application.Registration.Http;

/// <summary>
/// The JSON answer of a taken e-mail confirmation: the JourneyStatus (flat, at the top level) and a
/// way back for the device that confirmed (<c>resumeToken</c>, for <c>POST .../resume</c>: single-use,
/// short-lived), so the person can go on there as well as where they started. The link proves the
/// mailbox, as a way back the journey e-mails would.
/// </summary>
public sealed record EmailConfirmedView : JourneyStatusView
{
    public EmailConfirmedView(JourneyStatusView status, string resumeToken)
        : base(status)
    {
        ResumeToken = resumeToken;
    }

    public string ResumeToken { get; }
}
