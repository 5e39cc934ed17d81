using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Messaging;

/// <summary>
/// Sends each message of a journey at most once. The first attempt records itself (and the
/// secret it carries) with a conditional insert; a re-run's insert is refused, it reads the record and either stops
/// (already sent) or resends the same content under the same repeatability id, which the
/// provider deduplicates. The secret is erased from the row as soon as the message is out.
/// </summary>
public sealed class Deliveries(OnboardingTables tables, AuditTrail audit, TimeProvider time)
{
    /// <summary>A secret and its HMAC, made fresh for a message that carries one.</summary>
    public sealed record Secret(string Value, string Hmac);

    /// <summary>
    /// Sends the message keyed <paramref name="key"/> once, and notes it in the audit trail as
    /// sent on <paramref name="channel"/> to <paramref name="maskedRecipient"/>. <paramref name="send"/>
    /// gets the secret (null when <paramref name="newSecret"/> is null) and the send id. Returns the
    /// secret's HMAC, or null. <paramref name="newSecret"/> runs on every attempt (it must only make
    /// a secret); the first attempt's is the one kept and sent.
    /// </summary>
    public async Task<string?> SendOnceAsync(
        string journeyId,
        string key,
        string channel,
        string maskedRecipient,
        Func<Secret>? newSecret,
        Func<string?, SendId, Task> send,
        CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Deliveries);
        DeliveryRecord record = await BeginAsync(table, journeyId, key, newSecret, cancellationToken);
        if (record.SentAt is null)
        {
            await SendAsync(table, record, send, cancellationToken);
        }

        await audit.AppendAsync(journeyId, record.FirstAttemptAt, "message-" + key, AuditEventTypes.MessageSent, $"{channel} to {maskedRecipient}: {key}", cancellationToken);
        return record.SecretHmac;
    }

    async Task SendAsync(TableClient table, DeliveryRecord record, Func<string?, SendId, Task> send, CancellationToken cancellationToken)
    {
        string journeyId = record.PartitionKey;
        string key = record.RowKey;

        await send(record.PendingSecret, new SendId(RepeatabilityId(journeyId, key), record.FirstAttemptAt));

        // Replace, not merge: a merge cannot remove a property, and the secret must go.
        record.SentAt = time.GetUtcNow();
        record.PendingSecret = null;
        await table.UpdateEntityAsync(record, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The message's record: inserted by the first attempt (one request), read back only when the
    /// insert finds it there already — a re-run, or a run at the same time.
    /// </summary>
    async Task<DeliveryRecord> BeginAsync(TableClient table, string journeyId, string key, Func<Secret>? newSecret, CancellationToken cancellationToken)
    {
        Secret? secret = newSecret?.Invoke();
        var record = new DeliveryRecord
        {
            PartitionKey = journeyId,
            RowKey = key,
            FirstAttemptAt = time.GetUtcNow(),
            SendId = RepeatabilityId(journeyId, key).ToString(),
            SecretHmac = secret?.Hmac,
            PendingSecret = secret?.Value,
        };
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
            return record;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            // The first attempt's record wins: its secret, its first-attempt time, whether it went out.
            return (await table.FindAsync<DeliveryRecord>(journeyId, key, cancellationToken))!;
        }
    }

    /// <summary>The journey whose message went out under this repeatability id, while its deliveries are kept (the local ACS endpoint's outbox notes it).</summary>
    public async Task<string?> JourneyOfAsync(string sendId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.Deliveries);
        await foreach (DeliveryRecord record in table.QueryAsync<DeliveryRecord>(
            TableClient.CreateQueryFilter($"SendId eq {sendId}"), select: [nameof(DeliveryRecord.PartitionKey)], cancellationToken: cancellationToken))
        {
            return record.PartitionKey;
        }

        return null;
    }

    /// <summary>A stable GUID per journey and message: the provider's repeatability id.</summary>
    public static Guid RepeatabilityId(string journeyId, string key)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{journeyId}/{key}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
