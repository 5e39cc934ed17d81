using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>Activity: texts the user a fresh 6-digit code and returns only its HMAC; the first code of a journey records its start.</summary>
public sealed class SendPhoneCode(JourneyRecords journeys, UserMessenger messenger, JourneySecrets secrets, ProgressRecorder recorder)
{
    public async Task<string> RunAsync(ChallengeOrder order, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(order.JourneyId, cancellationToken);
        LanguagePack texts = MessageCatalog.For(journey.Language);
        string? hmac = await messenger.SmsOnceAsync(
            journey,
            $"phone-code-{order.Send}",
            code => MessageCatalog.Format(texts.PhoneCodeSms, code!, MessageCatalog.Duration(texts, order.Validity)),
            () =>
            {
                string code = JourneySecrets.NewPhoneCode();
                return new Deliveries.Secret(code, secrets.Hmac(SecretPurpose.PhoneCode, order.JourneyId, code));
            },
            cancellationToken: cancellationToken);
        // Recorded (and published) once the message is out: the person waits for it, the record can wait.
        await recorder.RecordIfAnyAsync(journey, order.Record, cancellationToken);
        return hmac!;
    }
}
