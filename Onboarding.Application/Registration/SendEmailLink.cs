using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Limits;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Resume;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration;

/// <summary>
/// Activity: e-mails the user a single-use confirmation link (256-bit token) and returns only
/// the token's HMAC. The HMAC is also written to the journey's row before the mail goes out,
/// so the link works the moment it arrives and every older link stops working. The first link
/// records the stage change to <c>awaitingEmailConfirmation</c>.
/// When the address already has an account, or a running journey has confirmed it
/// (<see cref="AddressHolders"/>), the address's owner is told that instead — at the address as they
/// confirmed it, in their language, with a way back into their own registration when it is still running — and no link goes out: the step returns the HMAC of a token nobody ever sees, so the journey waits for a
/// link that never comes and expires like any other — the start answered alike for every address, and
/// this journey's status stays alike too. The owner is told at most <c>Limits:NoticesPerAddressPerDay</c>
/// times a day, however many journeys name their address.
/// </summary>
public sealed class SendEmailLink(
    JourneyRecords journeys,
    UserMessenger messenger,
    JourneySecrets secrets,
    ProgressRecorder recorder,
    AddressHolders holders,
    LimitCounters counters,
    LookupKeys keys,
    AuditTrail audit,
    ResumeLinks ways,
    IOptions<LimitsOptions> limits,
    IOptions<OnboardingOptions> options,
    TimeProvider time)
{
    public async Task<string> RunAsync(ChallengeOrder order, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(order.JourneyId, cancellationToken);
        string? hmac = await holders.FindAsync(journey, cancellationToken) is { } holder
            ? await TellOwnerAsync(journey, order, holder, cancellationToken)
            : await SendLinkAsync(journey, order, cancellationToken);
        // Recorded (and published) once the message is out: the person waits for it, the record can wait.
        await recorder.RecordIfAnyAsync(journey, order.Record, cancellationToken);
        return hmac!;
    }

    Task<string?> SendLinkAsync(JourneyRecord journey, ChallengeOrder order, CancellationToken cancellationToken)
    {
        LanguagePack texts = MessageCatalog.For(journey.Language);
        return messenger.EmailOnceAsync(
            journey,
            KeyOf(order),
            texts.EmailLinkSubject,
            token => MessageCatalog.Format(texts.EmailLinkText, LinkFor(order.JourneyId, token!), MessageCatalog.Duration(texts, order.Validity)),
            () => NewLink(order.JourneyId),
            token => journeys.SetEmailLinkHmacAsync(order.JourneyId, secrets.Hmac(SecretPurpose.EmailLink, order.JourneyId, token), cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// The address is someone else's: its owner gets the truth (under the same delivery key a link
    /// would have had, so a re-run sends nothing more), and the journey a link nobody can open.
    /// </summary>
    async Task<string?> TellOwnerAsync(JourneyRecord journey, ChallengeOrder order, AddressHolder holder, CancellationToken cancellationToken)
    {
        await journeys.MarkOwnerToldAsync(journey.JourneyId, time.GetUtcNow(), cancellationToken);
        string addressKey = keys.Of(LookupPurpose.Email, EmailAddress.TryParse(journey.Email, out EmailAddress? address, out _) ? address!.Canonical : journey.Email);
        bool tell = await counters.TakeAsync(limits.Value.NoticesPerAddress, addressKey, 1, cancellationToken) is LimitTake.Taken;

        // For operators (once a minute per send, however often the step runs): why no link went out.
        DateTimeOffset now = time.GetUtcNow();
        string what = holder.HasAccount ? "has an account" : "is confirmed by a running registration";
        await audit.AppendAsync(journey.JourneyId, new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero), $"address-held-{order.Send}",
            AuditEventTypes.AddressHeld, tell ? $"the address {what}: its owner is told instead of sent a link" : $"the address {what}: its owner was told often enough today; nothing sent", cancellationToken);
        if (!tell)
        {
            string unknowable = NewLink(journey.JourneyId).Hmac;
            await journeys.SetEmailLinkHmacAsync(journey.JourneyId, unknowable, cancellationToken);
            return unknowable;
        }

        LanguagePack texts = MessageCatalog.For(holder.Language);
        Uri? wayBack = null; // into the owner's own registration, issued only when the mail goes out
        return await messenger.EmailOnceToAsync(
            journey.JourneyId,
            holder.Address,
            KeyOf(order),
            holder.HasAccount ? texts.AddressRegisteredSubject : texts.AddressInProgressSubject,
            _ => holder.HasAccount
                ? texts.AddressRegisteredText
                : MessageCatalog.Format(texts.AddressInProgressText, MessageCatalog.Format(texts.WayBack, wayBack!, MessageCatalog.Duration(texts, ways.Validity))),
            () => NewLink(journey.JourneyId),
            async token =>
            {
                await journeys.SetEmailLinkHmacAsync(journey.JourneyId, secrets.Hmac(SecretPurpose.EmailLink, journey.JourneyId, token), cancellationToken);
                if (!holder.HasAccount)
                {
                    wayBack = await ways.IssueAsync(holder.JourneyId, cancellationToken);
                }
            },
            cancellationToken);
    }

    Deliveries.Secret NewLink(string journeyId)
    {
        string token = JourneySecrets.NewToken();
        return new Deliveries.Secret(token, secrets.Hmac(SecretPurpose.EmailLink, journeyId, token));
    }

    static string KeyOf(ChallengeOrder order) => $"email-link-{order.Send}";

    /// <summary>The API's confirmation page, or a frontend's (the token in the fragment, which no server sees or logs).</summary>
    string LinkFor(string journeyId, string token) => string.IsNullOrEmpty(options.Value.EmailLinkBase)
        ? $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/journeys/{journeyId}/email-confirmation?token={token}"
        : $"{options.Value.EmailLinkBase}#journey={journeyId}&token={token}";
}
