using Azure;
using Azure.Data.Tables;
using Onboarding.Application.Messaging;
using Onboarding.Application.Storage;

namespace Onboarding.Development;

/// <summary>What the local ACS endpoint "delivered": the developer's and the tests' view of sent mail and SMS.</summary>
public sealed class DevOutbox(OnboardingTables tables, Deliveries deliveries)
{
    const int MaxListed = 500;

    /// <summary>Records a message; false when this repeatability id was recorded before (a repeated send).</summary>
    public async Task<bool> RecordAsync(string channel, string to, string? subject, string text, string repeatabilityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.DevOutbox);
        string? journeyId = await deliveries.JourneyOfAsync(repeatabilityId, cancellationToken);
        try
        {
            await table.AddEntityAsync(new OutboxMessage
            {
                PartitionKey = to,
                RowKey = repeatabilityId,
                Channel = channel,
                Subject = subject ?? "",
                Text = text,
                SentAt = at,
                JourneyId = journeyId,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (TableErrors.IsConflict(exception))
        {
            return false;
        }
    }

    /// <summary>Messages to <paramref name="to"/> (or to anyone), newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessageView>> ListAsync(string? to, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.DevOutbox);
        AsyncPageable<OutboxMessage> rows = string.IsNullOrEmpty(to)
            ? table.QueryAsync<OutboxMessage>(maxPerPage: 1000, cancellationToken: cancellationToken)
            : table.QueryAsync<OutboxMessage>(TableClient.CreateQueryFilter($"PartitionKey eq {to}"), maxPerPage: 1000, cancellationToken: cancellationToken);

        var messages = new List<OutboxMessageView>();
        await foreach (OutboxMessage row in rows)
        {
            messages.Add(new OutboxMessageView(row.RowKey, row.Channel, row.PartitionKey, row.Channel == "email" ? row.Subject : null, row.Text, row.SentAt.UtcDateTime));
        }

        return messages.OrderByDescending(message => message.SentAt).ThenByDescending(message => message.Id, StringComparer.Ordinal).Take(MaxListed).ToArray();
    }
}
