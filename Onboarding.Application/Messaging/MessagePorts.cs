namespace Onboarding.Application.Messaging;

public sealed record EmailMessage(string To, string Subject, string PlainText, string Html);

public sealed record SmsMessage(string To, string Text);

/// <summary>
/// One logical send. A send retried with the same id (an HTTP retry, or an activity that runs
/// again after a crash) is delivered once: the provider's repeatability check keys on it.
/// </summary>
public readonly record struct SendId(Guid RepeatabilityId, DateTimeOffset FirstSent);

/// <summary>The port e-mail goes out through; Azure Communication Services in every environment.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, SendId id, CancellationToken cancellationToken);
}

/// <summary>The port SMS goes out through.</summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, SendId id, CancellationToken cancellationToken);
}
