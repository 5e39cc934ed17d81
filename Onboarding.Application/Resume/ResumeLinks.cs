using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Resume;

/// <summary>
/// Ways back into a journey, on any device: a link that a message carries,
/// <c>{ResumeLinkBase}#journey={id}&amp;resume={token}</c>. The token (256 random bits) is in the
/// fragment, which no server sees or logs; it is stored only as its hash, works once and for
/// <c>Journey:ResumeLinkValidity</c>. Opening the link changes nothing (mail scanners open links):
/// the page asks the person to press a button, which redeems it — the journey then lets that
/// device in with a token of its own, beside the first device's (<see cref="JourneyRecord.DeviceTokenHashes"/>).
/// The journey token itself never travels in a URL.
/// </summary>
public sealed class ResumeLinks(OnboardingTables tables, JourneyRecords records, IOptions<OnboardingOptions> onboarding, IOptions<JourneyOptions> journey, TimeProvider time)
{
    /// <summary>Issues a way back into <paramref name="journeyId"/> and returns its link, for a message to the journey's owner.</summary>
    public async Task<Uri> IssueAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        string token = JourneySecrets.NewToken();
        await StoreAsync(journeyId, token, cancellationToken);
        return LinkFor(journeyId, token);
    }

    /// <summary>A fresh token for a message's way back: the message's delivery keeps it until the message is out.</summary>
    public static Deliveries.Secret NewSecret()
    {
        string token = JourneySecrets.NewToken();
        return new Deliveries.Secret(token, JourneySecrets.HashToken(token));
    }

    /// <summary>Makes <paramref name="token"/> a live way back into the journey (again, when a message is sent again).</summary>
    public async Task StoreAsync(string journeyId, string token, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.ResumeLinks);
        var row = new ResumeLinkRow
        {
            PartitionKey = journeyId,
            RowKey = JourneySecrets.HashToken(token),
            ExpiresAt = time.GetUtcNow() + journey.Value.ResumeLinkValidity,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public Uri LinkFor(string journeyId, string token) => new($"{onboarding.Value.ResumeLinkPage}#journey={journeyId}&resume={token}");

    /// <summary>How long a way back works, for the message that carries it.</summary>
    public TimeSpan Validity => journey.Value.ResumeLinkValidity;

    /// <summary>
    /// Uses the link: when <paramref name="token"/> is a live way back into the journey, it stops
    /// working (of two presses at once, one wins) and the journey takes a new device, whose token
    /// this returns; null for a wrong, used or expired link.
    /// </summary>
    public async Task<string?> RedeemAsync(string journeyId, string token, CancellationToken cancellationToken = default)
    {
        if (token is not { Length: > 0 and <= 128 })
        {
            return null;
        }

        TableClient table = await tables.GetAsync(OnboardingTables.ResumeLinks);
        if (await table.FindAsync<ResumeLinkRow>(journeyId, JourneySecrets.HashToken(token), cancellationToken) is not { } link)
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        if (link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }

        // Used up by a conditional write: of two presses at once, one writes and the other is refused.
        link.UsedAt = now;
        try
        {
            await table.UpdateEntityAsync(link, link.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (TableErrors.IsNotFound(exception) || TableErrors.IsPreconditionFailed(exception))
        {
            return null; // used at the same moment by another press
        }

        await table.DeleteEntityAsync(link.PartitionKey, link.RowKey, ETag.All, cancellationToken).IgnoreNotFound();

        string deviceToken = JourneySecrets.NewToken();
        return await records.AddDeviceAsync(journeyId, JourneySecrets.HashToken(deviceToken), cancellationToken) ? deviceToken : null;
    }
}
