using System.Net;
using System.Text.RegularExpressions;
using Onboarding.Application.Configuration;
using Microsoft.Extensions.Options;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Localization;
using Onboarding.Application.Resume;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Messaging;

/// <summary>
/// Sends a journey's user one e-mail or SMS, once per key, to the address and number in the journey's
/// row. Every message but the phone code and the confirmation link (which are their own way on) ends
/// with a way back into the journey (<see cref="ResumeLinks"/>) and, in an e-mail, whom to ask.
/// </summary>
public sealed partial class UserMessenger(
    Deliveries deliveries, IEmailSender email, ISmsSender sms, JourneyMetrics metrics, ResumeLinks ways, IOptions<SupportOptions> support)
{
    /// <summary>An e-mail about the journey, ending with a way back into it and whom to ask.</summary>
    public Task NoticeByEmailAsync(JourneyRecord journey, string key, string subject, string text, CancellationToken cancellationToken = default)
    {
        LanguagePack t = MessageCatalog.For(journey.Language);
        return EmailOnceAsync(
            journey,
            key,
            subject,
            token => string.Join("\n\n", new[]
            {
                text,
                MessageCatalog.Format(t.WayBack, ways.LinkFor(journey.JourneyId, token!), MessageCatalog.Duration(t, ways.Validity)),
                SupportLine(t),
            }.Where(part => part is not null)),
            ResumeLinks.NewSecret,
            token => ways.StoreAsync(journey.JourneyId, token, cancellationToken),
            cancellationToken);
    }

    /// <summary>A text message about the journey, ending with a way back into it.</summary>
    public Task NoticeBySmsAsync(JourneyRecord journey, string key, string text, CancellationToken cancellationToken = default) =>
        SmsOnceAsync(
            journey,
            key,
            token => text + " " + MessageCatalog.Format(MessageCatalog.For(journey.Language).WayBackSms, ways.LinkFor(journey.JourneyId, token!)),
            ResumeLinks.NewSecret,
            token => ways.StoreAsync(journey.JourneyId, token, cancellationToken),
            cancellationToken);

    /// <summary>"Questions? Contact us: …" with the configured contacts; null when none is.</summary>
    string? SupportLine(LanguagePack t)
    {
        string[] contacts = new[] { support.Value.Email, support.Value.Phone, support.Value.Url }.Where(contact => !string.IsNullOrWhiteSpace(contact)).ToArray()!;
        return contacts.Length == 0 ? null : MessageCatalog.Format(t.SupportLine, string.Join(" · ", contacts));
    }

    public Task<string?> EmailOnceAsync(
        JourneyRecord journey,
        string key,
        string subject,
        Func<string?, string> text,
        Func<Deliveries.Secret>? newSecret = null,
        Func<string, Task>? beforeSend = null,
        CancellationToken cancellationToken = default) =>
        EmailOnceToAsync(journey.JourneyId, journey.Email, key, subject, text, newSecret, beforeSend, cancellationToken);

    /// <summary>An e-mail of the journey to another address than its row's (the owner of the address it names, as they confirmed it).</summary>
    public Task<string?> EmailOnceToAsync(
        string journeyId,
        string to,
        string key,
        string subject,
        Func<string?, string> text,
        Func<Deliveries.Secret>? newSecret = null,
        Func<string, Task>? beforeSend = null,
        CancellationToken cancellationToken = default) =>
        deliveries.SendOnceAsync(journeyId, key, "e-mail", Masking.Email(to), newSecret, async (secret, id) =>
        {
            if (beforeSend is not null && secret is not null)
            {
                await beforeSend(secret);
            }

            string body = text(secret);
            await email.SendAsync(new EmailMessage(to, subject, body, ToHtml(body)), id, cancellationToken);
        }, cancellationToken);

    public Task<string?> SmsOnceAsync(
        JourneyRecord journey,
        string key,
        Func<string?, string> text,
        Func<Deliveries.Secret>? newSecret = null,
        Func<string, Task>? beforeSend = null,
        CancellationToken cancellationToken = default) =>
        deliveries.SendOnceAsync(journey.JourneyId, key, "SMS", PhoneNumber.FromE164(journey.PhoneNumber).Masked, newSecret, async (secret, id) =>
        {
            if (beforeSend is not null && secret is not null)
            {
                await beforeSend(secret);
            }

            await sms.SendAsync(new SmsMessage(journey.PhoneNumber, text(secret)), id, cancellationToken);
            metrics.SmsSent(PhoneNumber.FromE164(journey.PhoneNumber).Country);
        }, cancellationToken);

    /// <summary>The plain text as a minimal HTML body: escaped, paragraphs kept, links clickable.</summary>
    public static string ToHtml(string text)
    {
        string escaped = WebUtility.HtmlEncode(text);
        string linked = LinkPattern().Replace(escaped, match => $"<a href=\"{match.Value}\">{match.Value}</a>");
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>"
            + linked.Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal)
            + "</p></body></html>";
    }

    [GeneratedRegex(@"https?://[^\s<]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
