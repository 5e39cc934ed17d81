using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.Application.Storage;

namespace Onboarding.Development;

/// <summary>What the local Event Grid stand-in accepted: the developer's and the tests' view of the published events.</summary>
public sealed class DevEvents(OnboardingTables tables)
{
    const int MaxListed = 500;

    /// <summary>Records one event as it arrived; <paramref name="cloudEvent"/> is its JSON object.</summary>
    public async Task RecordAsync(JsonElement cloudEvent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.DevEvents);
        await table.AddEntityAsync(new ReceivedEvent
        {
            PartitionKey = Text(cloudEvent, "subject") is { Length: > 0 } subject ? subject : "(no subject)",
            RowKey = $"{at.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            EventId = Text(cloudEvent, "id") ?? "",
            Type = Text(cloudEvent, "type") ?? "",
            Sequence = Text(cloudEvent, "sequence") ?? "",
            Json = cloudEvent.GetRawText(),
            ReceivedAt = at,
        }, cancellationToken);
    }

    /// <summary>The events received about <paramref name="subject"/> (or the newest of all), oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> ListAsync(string? subject, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(OnboardingTables.DevEvents);
        var received = new List<ReceivedEvent>();
        await foreach (ReceivedEvent row in subject is null
            ? table.QueryAsync<ReceivedEvent>(maxPerPage: 1000, cancellationToken: cancellationToken)
            : table.QueryAsync<ReceivedEvent>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            received.Add(row);
        }

        return [.. received.OrderByDescending(row => row.RowKey, StringComparer.Ordinal).Take(MaxListed).Reverse()];
    }

    static string? Text(JsonElement cloudEvent, string name) =>
        cloudEvent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
