using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// Activity: e-mails the user a single-use confirmation link (256-bit token) and returns only
/// the token's HMAC. The HMAC is also written to the journey's row before the mail goes out,
/// so the link works the moment it arrives and every older link stops working. The first link
/// records the stage change to <c>awaitingEmailConfirmation</c>.
/// </summary>
public sealed class SendEmailLink(JourneyRecords journeys, UserMessenger messenger, JourneySecrets secrets, ProgressRecorder recorder, IOptions<OnboardingOptions> options)
{
    public async Task<string> RunAsync(ChallengeOrder order, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(order.JourneyId, cancellationToken);
        LanguagePack texts = MessageCatalog.For(journey.Language);
        string? hmac = await messenger.EmailOnceAsync(
            journey,
            $"email-link-{order.Send}",
            texts.EmailLinkSubject,
            token => MessageCatalog.Format(texts.EmailLinkText, LinkFor(order.JourneyId, token!), MessageCatalog.Duration(texts, order.Validity)),
            () =>
            {
                string token = JourneySecrets.NewToken();
                return new Deliveries.Secret(token, secrets.Hmac(SecretPurpose.EmailLink, order.JourneyId, token));
            },
            token => journeys.SetEmailLinkHmacAsync(order.JourneyId, secrets.Hmac(SecretPurpose.EmailLink, order.JourneyId, token), cancellationToken),
            cancellationToken);
        // Recorded (and published) once the message is out: the person waits for it, the record can wait.
        await recorder.RecordIfAnyAsync(journey, order.Record, cancellationToken);
        return hmac!;
    }

    /// <summary>The API's confirmation page, or a frontend's (the token in the fragment, which no server sees or logs).</summary>
    string LinkFor(string journeyId, string token) => string.IsNullOrEmpty(options.Value.EmailLinkBase)
        ? $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/journeys/{journeyId}/email-confirmation?token={token}"
        : $"{options.Value.EmailLinkBase}#journey={journeyId}&token={token}";
}
