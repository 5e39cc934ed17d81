using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.Application.Localization;
using Onboarding.Application.Messaging;
using Onboarding.Application.Registration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Resume;

/// <summary>
/// Sends a way back into a running journey to the address that asked for one on the start page
/// (<c>POST /api/resume-links</c>). The request only queues the address and is answered at once,
/// alike for every address; this looks the address up afterwards — the journey that claimed it by
/// confirming it — and e-mails that journey's own address. An address no running journey holds
/// gets nothing. A mail lost with its instance (a restart between the answer and the send) is
/// asked for again by the person; nothing else depends on it.
/// </summary>
public sealed partial class ResumeMailer(EmailClaims claims, JourneyRecords records, UserMessenger messenger, TimeProvider time, ILogger<ResumeMailer> logger)
    : BackgroundService
{
    const int Waiting = 1000;

    readonly Channel<EmailAddress> requests = Channel.CreateBounded<EmailAddress>(
        new BoundedChannelOptions(Waiting) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Queues a request; false when the queue is full (the limits keep it from filling).</summary>
    public bool Enqueue(EmailAddress address) => requests.Writer.TryWrite(address);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (EmailAddress address in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(address, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception.GetType().Name); // never the address
            }
        }
    }

    /// <summary>E-mails a way back to the running journey that holds <paramref name="address"/>, if one does; true when one went out.</summary>
    public async Task<bool> SendAsync(EmailAddress address, CancellationToken cancellationToken)
    {
        foreach (string key in new[] { claims.KeyOf(address), EmailClaims.LegacyKeyOf(address) })
        {
            if (await claims.FindAsync(key, cancellationToken) is not { } claim
                || await records.FindAsync(claim.JourneyId, cancellationToken) is not { ErasingSince: null, Email.Length: > 0 } journey)
            {
                continue; // no journey, or one that ended or was verified (its row let go of the address)
            }

            LanguagePack t = MessageCatalog.For(journey.Language);
            await messenger.NoticeByEmailAsync(journey, $"resume-{time.GetUtcNow().UtcTicks}", t.ResumeSubject, t.ResumeText, cancellationToken);
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A requested way back could not be sent ({Error})")]
    static partial void LogFailed(ILogger logger, string error);
}
